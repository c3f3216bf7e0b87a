.verdict == "ok"
[.findings[] | select(.id == "os.unsupported")] | length == 0
