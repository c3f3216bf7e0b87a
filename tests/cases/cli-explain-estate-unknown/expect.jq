.id == "estate.unknown"
.severity == "warning"
.waivable == false
