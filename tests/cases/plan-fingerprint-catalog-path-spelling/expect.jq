# the fingerprint covers the catalog's content: spelling its folder ./mini/ rather than mini changes nothing
.fingerprint == "sha256:e4c42a747b78d229cf2dbe5e23e041edb1d4feab0655f28d2335cba332c5949d"
