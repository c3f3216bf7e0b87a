[.findings[].severity] == ([.findings[].severity] | sort_by(if . == "blocker" then 0 elif . == "warning" then 1 else 2 end))
[.findings[].severity] | index("blocker") == 0 and index("info") > index("warning")
