# the same estate written in YAML and in JSON, with the same small catalog, has this one fingerprint
.fingerprint == "sha256:7a495af671f364f8e0110f6c682e71d5e95d2d1f4c295204b199d09054d25335"
[.findings[].id] == ["app.low-limit", "path.intermediate"]
