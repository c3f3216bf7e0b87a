.catalog | startswith("system-center@")
.products | length == 10
[.products[].id] | sort == ["app_controller", "configuration_manager", "dpm", "operations_manager", "orchestrator", "service_manager", "sma", "spf", "vmm", "wap"]
.products[] | select(.id == "vmm") | .releases == ["2012", "2012 SP1", "2012 R2", "2016", "1801", "1807", "2019", "2022", "2025"]
.products[] | select(.id == "configuration_manager") | .releases | index("current_branch") != null
# every finding id of cli.md's table
[.checks[].id] as $ids | ["path.none", "path.update-rollup", "path.intermediate", "sequence.out-of-order", "orchestrator.ip-unsupported", "vmm.encrypted-data-not-retained", "vmm.remote-upgrade-unsupported", "vmm.library-share", "vmm.wsman-limits", "vmm.ha-requirements", "os.unsupported", "sql.unsupported"] | all(. as $id | $ids | index($id) != null)
.checks[] | select(.id == "vmm.remote-upgrade-unsupported") | .severity == "blocker"
.checks[] | select(.id == "vmm.wsman-limits") | .severity == "warning"
