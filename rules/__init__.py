"""The knowledge base: one rule set per fault family (the phrasebook's, then today's faults in modern.py), the
phrasebook (phrasebook.toml, a copy of the source in phrasebook-zh.txt), its items (items.toml) and the code table."""
from faultdx.rules.bandwidth import BandwidthRules
from faultdx.rules.dial_auth import DialAuthRules
from faultdx.rules.error_codes import ErrorCodeRules
from faultdx.rules.general import GeneralRules
from faultdx.rules.modern import ModernRules
from faultdx.rules.no_network import NoNetworkRules
from faultdx.rules.service_language import ServiceLanguageRules
from faultdx.rules.services import ServiceRules
from faultdx.rules.workflow import WorkflowRules

RULE_SETS = (DialAuthRules, NoNetworkRules, BandwidthRules, ErrorCodeRules, WorkflowRules, ServiceRules, ModernRules,
             GeneralRules, ServiceLanguageRules)
