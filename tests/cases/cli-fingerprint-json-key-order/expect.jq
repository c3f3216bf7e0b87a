# keys of a mapping in another order (as ConvertTo-Json may write them) are the same content: same fingerprint
.fingerprint == "sha256:d068139407d32c903c63c83765447f3bf2d726e48389f6bb8c0c04b4891aea71"
