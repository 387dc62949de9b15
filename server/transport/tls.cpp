#include "transport/tls.hpp"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <fstream>

namespace push::transport {

namespace {

template <class T, void (*Free)(T*)> struct ossl_deleter {
    void operator()(T* p) const noexcept { Free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, ossl_deleter<EVP_PKEY, EVP_PKEY_free>>;
using x509_ptr = std::unique_ptr<X509, ossl_deleter<X509, X509_free>>;
using bio_ptr = std::unique_ptr<BIO, ossl_deleter<BIO, BIO_free_all>>;

/// The names the self-signed certificate is valid for.
constexpr char alt_names[] = "DNS:localhost,IP:127.0.0.1,IP:::1";

/// The last OpenSSL error as text, for a message.
std::string openssl_reason() {
    auto const code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return "unknown OpenSSL error";
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

bool add_extension(X509* cert, int nid, char const* value) {
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value);
    if (!ext)
        return false;
    bool const added = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return added;
}

/// A self-signed certificate for localhost, 127.0.0.1 and ::1 on a fresh P-256 key (fast to
/// make), valid from an hour ago for a year. Empty on an OpenSSL failure.
std::pair<x509_ptr, pkey_ptr> make_self_signed() {
    pkey_ptr key(EVP_EC_gen("P-256"));
    x509_ptr cert(X509_new());
    if (!key || !cert)
        return {};
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f; // a positive serial number
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    bool ok = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    ok = ok && X509_set_version(cert.get(), 2) == 1 &&
         X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) &&
         X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600) &&
         X509_set_pubkey(cert.get(), key.get()) == 1;
    X509_NAME* name = X509_get_subject_name(cert.get());
    ok = ok &&
         X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                    reinterpret_cast<unsigned char const*>("push-emulator"), -1, -1,
                                    0) == 1 &&
         X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                    reinterpret_cast<unsigned char const*>("localhost"), -1, -1,
                                    0) == 1 &&
         X509_set_issuer_name(cert.get(), name) == 1;
    // The extensions `openssl req -x509` gives, plus the names: clients that trust this one
    // certificate (curl --cacert, NODE_EXTRA_CA_CERTS, a Java trust store) accept it.
    ok = ok && add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE") &&
         add_extension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign") &&
         add_extension(cert.get(), NID_ext_key_usage, "serverAuth") &&
         add_extension(cert.get(), NID_subject_key_identifier, "hash") &&
         add_extension(cert.get(), NID_subject_alt_name, alt_names) &&
         X509_sign(cert.get(), key.get(), EVP_sha256()) > 0;
    if (!ok)
        return {};
    return {std::move(cert), std::move(key)};
}

std::string pem_of(X509* cert) {
    bio_ptr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        return {};
    char* data = nullptr;
    auto const n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
}

bool readable(std::string const& path) {
    std::ifstream in(path, std::ios::binary);
    return in.good();
}

/// Loads the certificate chain and key files into `ctx`; "" or the message naming the flag.
std::string load_files(ssl::context& ctx, std::string const& cert, std::string const& key) {
    if (!readable(cert))
        return "--tls-cert: cannot read " + cert;
    if (!readable(key))
        return "--tls-key: cannot read " + key;
    beast::error_code ec;
    ctx.use_certificate_chain_file(cert, ec);
    if (ec)
        return "--tls-cert: " + cert + " is not a PEM certificate (" + ec.message() + ")";
    // Read the key apart from the context, so a key of another certificate is named as such.
    bio_ptr in(BIO_new_file(key.c_str(), "r"));
    pkey_ptr pkey(in ? PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!pkey)
        return "--tls-key: " + key + " is not a PEM private key (" + openssl_reason() + ")";
    auto* native = ctx.native_handle();
    if (X509_check_private_key(SSL_CTX_get0_certificate(native), pkey.get()) != 1 ||
        SSL_CTX_use_PrivateKey(native, pkey.get()) != 1) {
        ERR_clear_error();
        return "--tls-key: " + key + " does not match the certificate of --tls-cert (" + cert + ")";
    }
    return {};
}

} // namespace

std::optional<tls_setup> make_tls_setup(tls_options const& options, std::string& error) {
    tls_setup out;
    out.context = std::make_unique<ssl::context>(ssl::context::tls_server);
    auto* native = out.context->native_handle();
    // TLS 1.2 and 1.3 only.
    SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
    out.context->set_options(ssl::context::default_workarounds | ssl::context::single_dh_use);
    if (options.cert_file && options.key_file) {
        error = load_files(*out.context, *options.cert_file, *options.key_file);
        if (!error.empty())
            return std::nullopt;
        out.certificate_pem = pem_of(SSL_CTX_get0_certificate(native));
        return out;
    }
    auto [cert, key] = make_self_signed();
    if (!cert || SSL_CTX_use_certificate(native, cert.get()) != 1 ||
        SSL_CTX_use_PrivateKey(native, key.get()) != 1) {
        error = "cannot make a self-signed certificate: " + openssl_reason();
        return std::nullopt;
    }
    out.certificate_pem = pem_of(cert.get());
    out.self_signed = true;
    return out;
}

} // namespace push::transport
