# each of the two connected parts is told about the other
[.findings[] | select(.id == "sm.mixed-versions")] | length == 2
[.findings[] | select(.id == "sm.mixed-versions") | .component] | sort == ["sm", "sm-portal"]
[.findings[] | select(.id == "sm.mixed-versions")] | all(.severity == "warning")
