.severity == "blocker" and .waivable == false
