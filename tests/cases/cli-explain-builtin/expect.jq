.id == "path.none" and .severity == "blocker" and .waivable == false
.remediation | length >= 1
