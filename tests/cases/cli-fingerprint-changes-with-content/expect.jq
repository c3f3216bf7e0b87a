# one fact changed: another fingerprint
.fingerprint != "sha256:9dfcb658998ccd30261d77fae8f6db9b6f92bd9293d2a97353074d025665812c" and (.fingerprint | test("^sha256:[0-9a-f]{64}$"))
