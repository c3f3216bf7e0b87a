# the same estate in YAML (one server entry anchored, so not folded) and in JSON: one fingerprint
.fingerprint == "sha256:9b37421284723b3cbdacd5cec542123df82d2a32e908b88587a5f7ba8c384b31"
