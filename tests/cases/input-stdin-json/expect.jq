.estate == "lab-warnings"
.verdict == "warnings"
(.steps | length) == 14
.fingerprint == "sha256:8832fdd4c0b96737ad2e110564a3bb01549b40fb61ea2798f9784b5ffea55705"
