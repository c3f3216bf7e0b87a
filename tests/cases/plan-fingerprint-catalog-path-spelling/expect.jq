# the fingerprint covers the catalog's content: spelling its folder ./mini/ rather than mini changes nothing
.fingerprint == "sha256:baedd78edfde6b00f811a62b895143e09525a54946ba461e596b8c56e1df1650"
