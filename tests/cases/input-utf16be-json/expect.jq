.estate == "lab-warnings"
.verdict == "warnings"
(.steps | length) == 14
.fingerprint == "sha256:4666c236c18561a03e666d114ef3215b2d9a8abee452b544f85d37dca1139c07"
