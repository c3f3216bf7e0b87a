[.findings[] | select(.id == "sm.custom-solutions-dotnet")] | length == 0
