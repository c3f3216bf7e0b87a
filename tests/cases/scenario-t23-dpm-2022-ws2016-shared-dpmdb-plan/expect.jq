# two DPM servers on one SQL instance are upgraded one after the other, each database renamed first
[.steps[] | select(.action == "upgrade" and .role == "server") | .wave] | length == 2 and (unique | length) == 2
(.findings[] | select(.id == "dpm.database-rename" and .component == "dpm1") | .resolved_by[0]) < ([.steps[] | select(.action == "upgrade" and .component == "dpm1") | .id] | min)
(.findings[] | select(.id == "os.unsupported") | .resolved_by[0]) as $r | .steps[] | select(.id == $r) | .action == "upgrade-os" and .servers == ["DPM01"]
