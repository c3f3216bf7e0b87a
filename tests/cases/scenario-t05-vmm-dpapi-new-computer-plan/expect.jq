# cli.md: the plan is printed even with blockers; steps that wait for the unresolved blocker say so
.verdict == "blocked"
.steps | length > 0
[.steps[] | select(.action == "upgrade" and .role == "management_server")] | all(.blocked_by | index("vmm.remote-upgrade-unsupported") != null)
# estate.md: upgrade.management_server is the computer VMM runs on after the upgrade
[.steps[] | select(.action == "upgrade" and .role == "management_server") | .servers[]] == ["VMM02"]
