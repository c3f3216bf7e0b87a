# one fact changed: another fingerprint
.fingerprint != "sha256:7a495af671f364f8e0110f6c682e71d5e95d2d1f4c295204b199d09054d25335" and (.fingerprint | test("^sha256:[0-9a-f]{64}$"))
