# the same estate in YAML (one server entry anchored, so not folded) and in JSON: one fingerprint
.fingerprint == "sha256:2b3705b49adb4fc239250b0a941c5cdb34939118cc19af49ca2e10697022c7f2"
