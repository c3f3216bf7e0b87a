.verdict == "blocked"
[.findings[] | select(.id == "sql.no-common-version")] | length == 1
.findings[] | select(.id == "sql.no-common-version") | .severity == "blocker" and .component == "dpm" and .servers == ["SQL01"]
# it names the components that disagree and what each accepts
.findings[] | select(.id == "sql.no-common-version") | (.detail | contains("dpm at 2025 accepts 2022, 2025")) and (.detail | contains("om at 2016 accepts"))
[.steps[] | select(.action == "upgrade-sql")] == []
# DPM's upgrade waits for the blocker
all(.steps[] | select(.component == "dpm" and .action == "upgrade"); .blocked_by | index("sql.no-common-version"))
