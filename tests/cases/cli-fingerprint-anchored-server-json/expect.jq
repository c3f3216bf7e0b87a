# the same estate in YAML (one server entry anchored, so not folded) and in JSON: one fingerprint
.fingerprint == "sha256:ac6c87ef648cf92b848dcee32a7a9900d920f7b4f812a3b7981b58ee7395e741"
