# the same estate in YAML (one server entry anchored, so not folded) and in JSON: one fingerprint
.fingerprint == "sha256:e97a6e24ce9d4219391fea644ecd0a022ea6dd9ea93e7705e2f70609dd6d6e5b"
