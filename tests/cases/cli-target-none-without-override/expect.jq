.target == "2016"
.findings | length == 0
