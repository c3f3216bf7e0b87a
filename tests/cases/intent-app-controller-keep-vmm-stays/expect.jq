.verdict == "ok"
[.findings[] | .id] == ["path.kept"]
.steps == []
