# Helpers of the EDGE rules.
package cordon.lib.edge

import data.cordon.lib

# A WAFv2 web ACL's properties enforce the AWS managed rule group AWSManagedRulesCommonRuleSet
# (present, and not overridden to Count): the layer-7 protection EDGE-1 asks of every web ACL.
aws_common_rules_enforced(p) if {
	some rule in p.Rules
	s := rule.Statement.ManagedRuleGroupStatement
	s.VendorName == "AWS"
	s.Name == "AWSManagedRulesCommonRuleSet"
	not counted(rule)
}

counted(rule) if lib.has(rule.OverrideAction, "Count")
