"""流程卡单: where a provisioning order is stuck (五.流程卡单 1–8)."""
from faultdx._experta import MATCH, NOT
from faultdx.facts import Complaint, WorkflowStage
from faultdx.kb import rule

STAGE_STEPS = {  # stage -> (phrase id, cause)
    "switch_port": ("flow.1", "流程在配(交换)端口环节,还未到我中心"),
    "man_activation": ("flow.2", "流程卡在宽带开通MAN环节"),
    "account_activation": ("flow.3", "流程卡在帐号开通环节"),
    "centre_done": ("flow.4", "流程在我中心环节已完成"),
    "equipment_fault": ("flow.5", "因设备故障,流程暂时无法执行"),
    "resource_missing": ("flow.6", "资源配置系统无用户(端口,板卡,设备等)信息,工单执行失败"),
    "onu_board_error": ("flow.7", "ONU设备板卡插错,工单无法执行"),
    "bss_coordination": ("flow.8", "需协调经支处理"),
}


class WorkflowRules:
    @rule("FLOW-STAGE", "a stuck order: the stage decides who acts and what to say",
          WorkflowStage(stage=MATCH.stage))
    def stage(self, stage):
        phrase, cause = STAGE_STEPS[stage]
        self.category("workflow_stuck")
        self.cause(f"stage_{stage}", cause)
        self.advise(500 + int(phrase.split(".")[1]), phrase)

    @rule("FLOW-ASK-STAGE", "a stuck order: at which stage?", Complaint(kind="order_stuck"), NOT(WorkflowStage()))
    def ask_stage(self):
        self.category("workflow_stuck")
        self.ask(500, "stage")
