.estate == "lab-warnings"
.verdict == "warnings"
(.steps | length) == 14
.fingerprint == "sha256:851f4445bce1050f4a281991b660f7b7a1c0c614f024f3ce140c12bbe37695c8"
