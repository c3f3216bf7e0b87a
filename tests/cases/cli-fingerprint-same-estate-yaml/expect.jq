# the same estate written in YAML and in JSON, with the same small catalog, has this one fingerprint
.fingerprint == "sha256:d068139407d32c903c63c83765447f3bf2d726e48389f6bb8c0c04b4891aea71"
[.findings[].id] == ["app.low-limit", "path.intermediate"]
