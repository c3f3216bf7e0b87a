# the same estate written in YAML and in JSON, with the same small catalog, has this one fingerprint
.fingerprint == "sha256:9dfcb658998ccd30261d77fae8f6db9b6f92bd9293d2a97353074d025665812c"
[.findings[].id] == ["app.low-limit", "path.intermediate"]
