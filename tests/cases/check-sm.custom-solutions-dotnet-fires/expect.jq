[.findings[] | select(.id == "sm.custom-solutions-dotnet")] | length == 1
.findings[] | select(.id == "sm.custom-solutions-dotnet") | .severity == "info"
.findings[] | select(.id == "sm.custom-solutions-dotnet") | .hop == {"from": "2012 R2 UR9", "to": "2016"}
