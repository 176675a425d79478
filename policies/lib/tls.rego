# The TLS allow-lists of the TLS rules: one explicit list per provider setting, each value checked
# against the provider's documentation. A value not listed (an older policy, or one published after
# this list) fails: a new policy is judged when it is added here, never by its name's pattern.
package cordon.lib.tls

# ELBv2 (ALB HTTPS and NLB TLS listener) security policies that offer TLS 1.3 and refuse everything
# below TLS 1.2 (TLS-1: "TLS 1.2+ everywhere, 1.3 at the edge").
# https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
# https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
# Refused: ELBSecurityPolicy-TLS13-1-1-* (TLS 1.1) and -TLS13-1-0-* (TLS 1.0), also in their FIPS and
# PQ forms; ELBSecurityPolicy-TLS-1-2-2017-01, -TLS-1-2-Ext-2018-06 and -FS-1-2-* (TLS 1.2 only, no
# TLS 1.3); ELBSecurityPolicy-2016-08 (CloudFormation's default), -TLS-1-1-2017-01, -FS-2018-06,
# -FS-1-1-2019-08, -TLS-1-0-2015-04, -2015-05 (TLS 1.0 or 1.1).
alb_ssl_policies := {
	"ELBSecurityPolicy-TLS13-1-2-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
	"ELBSecurityPolicy-TLS13-1-3-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
}

# CloudFront viewer security policies (ViewerCertificate.MinimumProtocolVersion) whose minimum is
# TLS 1.2 with the 2021 cipher set or stricter; every CloudFront policy also offers TLS 1.3.
# https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
# Refused: TLSv1.2_2019 and TLSv1.2_2018 (CBC-SHA ciphers), TLSv1.1_2016, TLSv1_2016, TLSv1, SSLv3.
cloudfront_viewer_policies := {"TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"}

# What CloudFront may speak to a custom origin (CustomOriginConfig): HTTPS only, TLS 1.2 only.
# https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesOrigin.html
# https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_OriginSslProtocols.html
# Refused protocols: SSLv3, TLSv1, TLSv1.1. Refused policies: http-only (plain HTTP) and match-viewer
# (plain HTTP whenever a viewer uses it; no list of behaviors proves it never does).
cloudfront_origin_ssl_protocols := {"TLSv1.2"}

cloudfront_origin_protocol_policies := {"https-only"}

# Google Cloud SSL policy profiles and minimum versions.
# https://cloud.google.com/load-balancing/docs/ssl-policies-concepts
# https://cloud.google.com/compute/docs/reference/rest/v1/sslPolicies (profile: FIPS_202205 needs TLS_1_2)
# Refused profiles: COMPATIBLE (the default) and CUSTOM (features chosen by hand). FIPS_202205 is
# narrower than RESTRICTED and requires min_tls_version TLS_1_2. Refused versions: TLS_1_0 (the
# default) and TLS_1_1.
gcp_ssl_profiles := {"MODERN", "RESTRICTED", "FIPS_202205"}

gcp_min_tls_versions := {"TLS_1_2", "TLS_1_3"}

# Cloud SQL settings.ip_configuration.ssl_mode values that refuse plain-text connections.
# https://cloud.google.com/sql/docs/postgres/admin-api/rest/v1/instances#sslmode
# https://cloud.google.com/php/docs/reference/cloud-sql-admin/latest/V1.IpConfiguration.SslMode
# Refused: ALLOW_UNENCRYPTED_AND_ENCRYPTED (the default) and SSL_MODE_UNSPECIFIED.
cloud_sql_ssl_modes := {"ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}

# RDS parameter values that force TLS, compared in lower case.
# rds.force_ssl is 0 or 1:
# https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
# https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html
# require_secure_transport is ON (1) or OFF (0):
# https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html
rds_force_tls_values := {
	"rds.force_ssl": {"1"},
	"require_secure_transport": {"1", "on"},
}
