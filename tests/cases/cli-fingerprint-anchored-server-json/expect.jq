# the same estate in YAML (one server entry anchored, so not folded) and in JSON: one fingerprint
.fingerprint == "sha256:fae3cfa2e8c98c0540f34cd11a87381e5acc065fcd7cbbf8dd9c900268fbc4b3"
