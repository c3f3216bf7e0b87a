# one fact changed: another fingerprint
.fingerprint != "sha256:d068139407d32c903c63c83765447f3bf2d726e48389f6bb8c0c04b4891aea71" and (.fingerprint | test("^sha256:[0-9a-f]{64}$"))
