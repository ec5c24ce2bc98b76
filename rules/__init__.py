"""The knowledge base: one rule set per fault family, plus the phrasebook and the question catalogue."""
from faultdx.rules.bandwidth import BandwidthRules
from faultdx.rules.dial_auth import DialAuthRules
from faultdx.rules.error_codes import ErrorCodeRules
from faultdx.rules.general import GeneralRules
from faultdx.rules.no_network import NoNetworkRules
from faultdx.rules.service_language import ServiceLanguageRules
from faultdx.rules.services import ServiceRules
from faultdx.rules.workflow import WorkflowRules

RULE_SETS = (DialAuthRules, NoNetworkRules, BandwidthRules, ErrorCodeRules, WorkflowRules, ServiceRules,
             GeneralRules, ServiceLanguageRules)
