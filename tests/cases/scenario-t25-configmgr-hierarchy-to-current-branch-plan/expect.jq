# T25 plan: CAS -> primary 1 (complete) -> primary 2 -> secondary -> consoles -> clients after all sites
[.steps[] | select(.action == "upgrade") | (.servers | join(",")) + "/" + .role] == ["CMCAS01/cas", "CMPRI01/primary_site", "CMPRI02/primary_site", "CMSEC01/secondary_site", "ADMIN01/console", "/client"]
[.steps[] | select(.action == "upgrade") | .wave] | . == (unique)
.steps[] | select(.action == "upgrade" and .role == "client") | .members == 3000
