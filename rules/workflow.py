"""流程卡单: where a provisioning order is stuck, and an equipment fault beside it (五.流程卡单 1–8)."""
from faultdx._experta import MATCH, NOT, P
from faultdx.facts import Complaint, WorkflowStage, Yes
from faultdx.kb import RuleSet, rule

STAGE_STEPS = {  # stage -> (phrase id, cause, side)
    "switch_port": ("flow.1", "流程在配(交换)端口环节,还未到我中心", "neither"),
    "man_activation": ("flow.2", "流程卡在宽带开通MAN环节", "neither"),
    "account_activation": ("flow.3", "流程卡在帐号开通环节", "neither"),
    "centre_done": ("flow.4", "流程在我中心环节已完成", "neither"),
    "resource_missing": ("flow.6", "资源配置系统无用户(端口,板卡,设备等)信息,工单执行失败", "operator"),
    "onu_board_error": ("flow.7", "ONU设备板卡插错,工单无法执行", "operator"),
    "bss_coordination": ("flow.8", "需协调经支处理", "neither"),
}
ORDER_KINDS = {"order_stuck", "install_pending"}
# what a line that is not there yet shows: no internet, slowness, drops (of whatever the user makes do with meanwhile)
LINE_SYMPTOMS = {"offline", "slow", "download_slow", "game_slow", "periodic_drop", "dial_error", "web_unreachable",
                 "high_latency"}


class WorkflowRules(RuleSet):
    @rule("FLOW-STAGE", "流程卡单:所在环节决定由谁处理、怎么说", WorkflowStage(stage=MATCH.stage),
          item=tuple(f"五.流程卡单.{n}" for n in (1, 2, 3, 4, 6, 7, 8)),
          phrases=tuple(phrase for phrase, _, _ in STAGE_STEPS.values()))
    def stage(self, stage):
        phrase, cause, side = STAGE_STEPS[stage]
        self.category("workflow_stuck")
        self.cause(f"stage_{stage}", cause, side=side)
        self.advise(500 + int(phrase.split(".")[1]), phrase)

    @rule("FLOW-EQUIPMENT-FAULT", "因设备故障流程暂时无法执行(可与任一环节同时成立)", Yes("equipment_fault"),
          item="五.流程卡单.5")
    def equipment_fault(self):
        self.category("workflow_stuck")
        self.cause("stage_equipment_fault", "因设备故障,流程暂时无法执行", side="operator")
        self.advise(505, "flow.5")

    @rule("FLOW-ASK-STAGE", "流程卡单或新装/移机未完成:卡在哪个环节", Complaint(kind=P(lambda k: k in ORDER_KINDS)),
          NOT(WorkflowStage()), NOT(Yes("equipment_fault")),
          item=("五.流程卡单",), source="新装/移机未完成按流程卡单处理:issue #9(移机或新装未完成归流程卡单)")
    def ask_stage(self):
        self.category("workflow_stuck")
        self.ask(500, "stage")

    @rule("FLOW-NOT-INSTALLED", "新装/移机未完成又说上不了网、网速慢:宽带还没装好,按流程卡单",
          Complaint(kind="install_pending"), Complaint(kind=P(lambda k: k in LINE_SYMPTOMS)),
          source="新装/移机未完成按流程卡单处理:issue #9(移机或新装未完成归流程卡单);宽带还没装通,上不了网、"
                 "网速慢是没装好的结果(或说的是手机流量),不是已开通线路的故障")
    def not_installed(self):
        self.category("workflow_stuck", over=("no_network", "bandwidth"))
        self.finding("not_installed", "宽带新装/移机还未完成:上不了网、网速慢是没有装好的结果,不按线路故障处理;"
                                      "先查流程卡在哪个环节")
