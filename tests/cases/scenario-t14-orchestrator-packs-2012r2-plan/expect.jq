# the VMM pack is unregistered, then the 2012 R2 pack registered; the SM pack is left alone
[.steps[] | select(.role == "integration_pack") | [.action, .for]] == [["unregister-ip", "vmm"], ["register-ip", "vmm"]]
(.findings[] | select(.id == "orchestrator.ip-unsupported") | .resolved_by) as $r | [.steps[] | select(.id as $i | $r | index($i)) | .action] | index("register-ip") != null
