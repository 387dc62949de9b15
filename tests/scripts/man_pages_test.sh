# test: man pages: push-emulator(1) and push-conformance(1) list exactly the flags of --help, with the same defaults
set -euo pipefail
source "$(dirname "$0")/lib.sh"
build_dir=$(dirname "$emulator_bin")

for program in push-emulator push-conformance; do
    "$build_dir/$program" --help >"$work/$program.help"
    python3 - "$work/$program.help" "$root/man/$program.1" "$program" <<'PY' || exit 1
import re, sys

help_text, man_text, program = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3]
collapse = lambda s: " ".join(s.split())

# --help: an entry starts with "  --flag"; deeper-indented lines continue it.
help_entries, current = {}, None
for line in help_text.splitlines():
    if re.match(r"^  --", line):
        head = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0]
        current = [re.findall(r"--[a-z][a-z-]*", head), line]
        for flag in current[0]:
            help_entries[flag] = current
    elif current and re.match(r"^\s{4,}\S", line):
        current[1] += " " + line
    else:
        current = None

# The man page's OPTIONS section: ".TP", a tag line naming the flags, then the body.
man = re.sub(r"\\f[BIRP]", "", man_text).replace("\\-", "-").replace("\\e", "\\")
options = man.split(".SH OPTIONS", 1)[1].split("\n.SH ", 1)[0]
man_entries = {}
for item in options.split(".TP\n")[1:]:
    tag, _, body = item.partition("\n")
    for flag in re.findall(r"--[a-z][a-z-]*", tag):
        man_entries[flag] = collapse(body.replace('"', ""))

problems = []
for flag in sorted(set(help_entries) - set(man_entries)):
    problems.append(f"{flag} is in --help but not in the man page")
for flag in sorted(set(man_entries) - set(help_entries)):
    problems.append(f"{flag} is in the man page but not in --help")
for flag, (_, text) in help_entries.items():
    default = re.search(r"\(default[^)]*\)", collapse(text))
    if default and flag in man_entries and default.group(0).replace('"', "") not in man_entries[flag]:
        problems.append(f"{flag}: the man page does not say {default.group(0)}")
for p in problems:
    print(f"FAIL: man/{program}.1: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
done
echo "ok"
