.verdict == "ok"
[.findings[] | select(.severity != "info")] | length == 0
(.steps | length) > 0
