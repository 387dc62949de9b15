# What each package holds (read by cpack for every generator it runs).
if(CPACK_GENERATOR STREQUAL "DEB")
  # The build-tree programs, linked with the Debian libraries the Depends line names.
  set(CPACK_COMPONENTS_ALL programs data)
  set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
elseif(CPACK_GENERATOR STREQUAL "TGZ")
  # The portable programs in push-emulator-VERSION-linux-x86_64/{bin,share}.
  set(CPACK_COMPONENTS_ALL portable data)
  set(CPACK_PACKAGE_FILE_NAME "push-emulator-${CPACK_PACKAGE_VERSION}-linux-x86_64")
  set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)
  set(CPACK_COMPONENT_INCLUDE_TOPLEVEL_DIRECTORY ON)
endif()
