# the same estate in YAML (one server entry anchored, so not folded) and in JSON: one fingerprint
.fingerprint == "sha256:009ea632ec15aec0af0314fda0d1af55980410186fc90fa52f6a7ba53684955a"
