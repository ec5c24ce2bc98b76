"""Today's faults, beside the phrasebook's ADSL-era knowledge: fibre modems, Wi-Fi and plan speed, latency,
PPPoE drops, IPTV picture faults, VPNs that cannot connect or connect and then drop, and web pages that fail while chat works.

None of this is in the phrasebook, so every rule names its ``source`` (full notes and quotations in
docs/knowledge-sources.md), gives internal steps only, and never a customer sentence of its own: the
三.5 sentences still apply through the causes' sides.  Filing follows what a support engineer would do:
an ONU with LOS → 网络无法使用类; drops and latency → 带宽故障类; VPN connection codes → VPN; IPTV picture
faults → 宽带新天地; a VPN that drops while the internet stays up → VPN.
"""
from faultdx._experta import AND, NOT, P
from faultdx.facts import Complaint, ErrorCode, Figure, Known, Level, Link, No, OnuPon, ServiceType, State, Yes
from faultdx.kb import RuleSet, rule
from faultdx.rules.bandwidth import LINE_DROP

SRC_ONU = ("华为 EchoLife HG850 指示灯表 https://easymanua.ls/huawei/echolife-hg850/manual?p=20 ;"
           "华为 LOSi 告警原因 https://forum.huawei.com/enterprise/en/the-olt-cannot-receive-expected-optical-signals-"
           "from-the-ont/thread/500415-100181")
SRC_ONU_REG = ("华为 GPON ONU 无法上线 https://www.thunder-link.com/failure-to-go-online-of-a-gpon-onu ;"
               "YD/T 3691.3-2020 LOID 认证 https://www.luleey.com/ja/?p=18319")
SRC_POWER = ("ITU-T G.984.2 Amd1 B+ 类 ONU 接收范围 -27~-8dBm(TechTarget 摘要 "
             "http://searchtelecom.techtarget.com/answer/What-are-the-specified-launched-power-and-receive-sensitivity-"
             "of-GPON-and-PtP-networks)")
SRC_SPEED = ("字节与比特 https://fastnspeed.com/blog/post.php?slug=mbps-vs-mb-per-second ;802.11n 单流速率 "
             "https://docs.esp-rs.org/esp-idf-hal/esp_idf_sys/type.wifi_phy_rate_t.html ;无线半双工、共享信道 "
             "https://github.com/morrownr/USB-WiFi/discussions/239")
SRC_GIGABIT = ("千兆需四对线(1000BASE-T),CAT5 只到百兆 https://knowligent.com/what-are-cat5-cables-and-category-5-ethernet ;"
               "协商速率低于网卡最大速率多为网线故障 https://community.ruijienetworks.com/forum.php?goto=nextoldset&mod=redirect&tid=2486")
SRC_LATENCY = ("ITU-T G.114 https://www.itu.int/dms_pubrec/itu-t/rec/g/T-REC-G.114-200305-I!!SUM-HTM-E.htm ;"
               "bufferbloat / SQM https://openwrt.org/docs/guide-user/network/traffic-shaping/sqm_configuration")
SRC_SESSION = ("RADIUS Session-Timeout https://gnu.org/software/radius/manual/html_node/Session_002dTimeout.html ;"
               "用户报告的运营商定时下线(12小时至30天) https://github.com/coolsnowwolf/lede/issues/6409")
SRC_ROUTER_DROP = ("RFC 2516 §7 与 pppd lcp-echo-failure;路由器 LCP 保活在高负载时掉线 "
                   "https://github.com/opnsense/core/issues/5794 , https://github.com/openwrt/luci/issues/6037")
SRC_IPTV = ("直播黑屏点播正常为组播问题 https://www.telecomate.com/black-screen-occurs-when-a-multicast-service-is-newly-"
            "deployed-on-the-ma5608t/ ;花屏卡顿查网线协商速率与CRC "
            "https://community.ruijienetworks.com/forum.php?goto=nextoldset&mod=redirect&tid=2486 ;"
            "开机进度条阶段 https://wenku.csdn.net/doc/80e4x0okrt")
SRC_VPN = ("微软远程访问排错(PPTP 需 TCP 1723 与 GRE 47) https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/"
           "windows-server-2008-R2-and-2008/dd469791(v=ws.10) ;L2TP/IPsec NAT-T UDP 4500 "
           "https://learn.microsoft.com/en-us/windows-hardware/drivers/network/traversing-nats-and-napts-with-udp-"
           "encapsulated-esp-packets")
SRC_VPN_DROP = ("RFC 4787 REQ-5 NAT的UDP映射空闲2分钟内不得老化(IETF BEHAVE 草案 REQ-3 "
                "https://www.ietf.org/proceedings/60/slides/behave-1/sld7.htm);Linux路由器UDP默认30s/120s老化 "
                "https://git.zx2c4.com/linux-dev/commit/?id=294304e4c522d797b7ea8200ab74354843fa68e9 ;"
                "微软 IKEv2 idleTimeout(无流量即断开,至少300秒) https://learn.microsoft.com/en-us/openspecs/windows_protocols/"
                "ms-rrasm/8652cbc7-18b8-4306-9a5a-ad36d4f18506 ;微软 SSTP 保活应取短间隔以适应防火墙 "
                "https://learn.microsoft.com/en-us/openspecs/office_protocols/ms-grvhenc/aa4d105c-5fef-43d9-ad07-2d261dce908f")
SRC_VPN_MTU = ("RFC 2516 §7 PPPoE 的 MRU 不得超过1492 https://www.ietf.org/rfc/rfc2516 ;iptables TCPMSS:连接建立后大包不通,"
               "按出口MTU减40钳制MSS https://android.googlesource.com/platform/external/iptables/+/84e5e86/extensions/"
               "libxt_TCPMSS.man ;Cisco ip tcp adjust-mss https://www.cisco.com/en/US/docs/ios-xml/ios/ipapp/command/iap-i2.html")
SRC_VPN_SERVER = ("微软 807 ERROR_VPN_DISCONNECT(与VPN服务器的连接中断:网络时延或服务器已满) "
                  "https://learn.microsoft.com/en-us/windows/win32/rras/routing-and-remote-access-error-codes")
SRC_651_LOCKOUT = ("联通宽带多次认证失败后该MAC地址拨号报651,3–5分钟后解除(校园网络支持部门知识库) "
                   "https://github.com/ZSCNetSupportDept/website/blob/HEAD/docs/wiki/08-%E6%95%85%E9%9A%9C/03-%E8%81%94%E9%80%9A"
                   "%E7%89%B9%E5%AE%9A/651.md")
SRC_DNS = ("只能用QQ不能浏览网页多为DNS http://www.959swf.cn/experience/200711/28411.html ;ipconfig /flushdns "
           "https://learn.microsoft.com/windows-server/administration/windows-commands/ipconfig")
LINE_DROP_VPN = AND(Complaint(kind="periodic_drop"), ServiceType(kind="vpn"))   # a drop of a VPN user
IPTV_PICTURE = {"iptv_black_screen", "iptv_buffering", "iptv_epg", "iptv_fault"}
SLOWNESS = Complaint(kind=P(lambda k: k in ("slow", "download_slow")))


class ModernRules(RuleSet):
    # --- fibre modems (光猫/ONU) ----------------------------------------------------------------
    @rule("FIBRE-LOS", "光猫LOS灯红:收不到光信号,光路故障", Yes("onu_los"), source=SRC_ONU)
    def los(self):
        self.category("no_network")
        self.cause("fibre_path", "光路故障:光猫收不到光信号(LOS红灯),光纤断、接头松动或脏污、分光器问题", side="operator")
        self.advise_text(201, "LOS红灯:查入户尾纤是否弯折、接头是否松动,清洁端面", "internal", source=SRC_ONU)
        self.advise_text(202, "用光功率计测收光(正常约 -8 ~ -27dBm);同一PON口多户告警则查主干光缆、分光器或OLT端口",
                         "internal", source=SRC_POWER)

    @rule("FIBRE-NOT-REGISTERED", "光猫PON灯闪烁或不亮(LOS不亮):光猫未注册", OnuPon(state=P(lambda s: s != "on")),
          NOT(Yes("onu_los")), source=SRC_ONU_REG)
    def not_registered(self):
        self.category("no_network")
        self.cause("onu_registration", "光猫未在OLT注册(PON灯闪烁或不亮):LOID/SN不一致或ONU被去激活",
                   side="operator", likely=True)
        self.advise_text(203, "网管查该ONU是否在线、SN/LOID是否与资料一致;不一致则核对并重新下发LOID/SN,必要时更换光猫",
                         "internal", source=SRC_ONU_REG)

    @rule("FIBRE-REGISTERED", "光猫PON灯常亮:已注册,光路正常", OnuPon(state="on"), NOT(Known("modem_sync")),
          source=SRC_ONU)
    def registered(self):
        self.finding("onu_registered", "光猫PON灯常亮:已注册,光路正常,转查拨号和业务")
        self.declare(State(field="modem_sync", value=True))

    @rule("FIBRE-ASK-LIGHTS", "光纤用户无法上网:先看光猫LOS和PON灯", ServiceType(kind="fiber"),
          Complaint(kind="offline"), NOT(Known("onu_los")), NOT(OnuPon()), NOT(Known("modem_sync")), source=SRC_ONU)
    def ask_lights(self):
        self.ask(200, "onu_los")

    @rule("FIBRE-ASK-PON", "光猫LOS不亮:PON灯状态说明是否已注册", No("onu_los"), NOT(OnuPon()),
          NOT(Known("modem_sync")), source=SRC_ONU_REG)
    def ask_pon(self):
        self.ask(201, "onu_pon")

    @rule("FIBRE-POWER-LOW", "光猫接收光功率过低:光衰过大", Level(of="optical", state="low"), source=SRC_POWER)
    def power_low(self):
        self.cause("optical_loss", "光衰过大:光猫接收光功率低于正常范围", side="operator")
        self.candidate("no_network", "光功率过低")
        self.advise_text(204, "收光过低:逐段查入户尾纤、分光器和主干光缆的衰耗,清洁或更换接头", "internal",
                         source=SRC_POWER)

    @rule("FIBRE-POWER-HIGH", "光猫接收光功率过高:过载", Level(of="optical", state="high"), source=SRC_POWER)
    def power_high(self):
        self.cause("optical_overload", "光猫接收光功率过高(过载)", side="operator", likely=True)
        self.candidate("no_network", "光功率过高")
        self.advise_text(204, "收光过高:检查是否缺少分光器或误接,必要时加衰减器", "internal", source=SRC_POWER)

    # --- plan speed, Wi-Fi, gigabit ----------------------------------------------------------------
    @rule("SPEED-ASK-LINK", "实测偏低:是无线还是网线直连测的", Level(of="speed", state="below"), NOT(Link()),
          source=SRC_SPEED)
    def ask_link(self):
        self.ask(315, "link")

    @rule("SPEED-WIFI", "无线测速偏低:先用网线直连对比", Link(kind="wifi"),
          Level(of="speed", state=P(lambda s: s != "reaches")), source=SRC_SPEED)
    def wifi(self):
        self.cause("wifi_limit", "无线(Wi-Fi)速率受限:2.4GHz单流实际只有几十兆,且与邻近无线共享信道", side="user",
                   likely=True, terminal=True)
        self.advise_text(316, "请用户用网线直连光猫或路由器测速对比;有线正常则为无线问题(改用5GHz、靠近路由器)",
                         "internal", source=SRC_SPEED)

    @rule("SPEED-WIFI-SLOW", "用户用无线上网且报网速慢:先用网线直连对比", Link(kind="wifi"), SLOWNESS,
          NOT(Level(of="speed")), source=SRC_SPEED)
    def wifi_slow(self):
        self.cause("wifi_limit", "无线(Wi-Fi)速率受限:2.4GHz单流实际只有几十兆,且与邻近无线共享信道", side="user",
                   likely=True, terminal=True)
        self.advise_text(316, "请用户用网线直连光猫或路由器测速对比;有线正常则为无线问题(改用5GHz、靠近路由器)",
                         "internal", source=SRC_SPEED)

    @rule("SPEED-WIRED", "网线直连测速仍明显低于带宽:排除无线", Link(kind="wired"), Level(of="speed", state="below"),
          source=SRC_SPEED)
    def wired(self):
        self.finding("wired_below", "网线直连测速仍明显低于带宽:排除无线,按带宽故障类查CRM与网管带宽和线路")

    @rule("SPEED-HUNDRED-CAP", "大带宽套餐实测只有百兆左右:网卡或网线只跑百兆", Level(of="hundred_cap", state="yes"),
          NOT(Link(kind="wifi")), source=SRC_GIGABIT)
    def hundred_cap(self):
        self.cause("nic_or_cable", "电脑网卡或网线只能跑百兆(四芯线、五类线或百兆网卡)", side="user", likely=True,
                   terminal=True)
        self.advise_text(317, "实测约100M:确认电脑网卡协商为千兆、网线为超五类及以上的八芯线", "internal",
                         source=SRC_GIGABIT)

    @rule("SPEED-TEST-METHOD", "测速方法:有线、单机、运营商测速平台", Level(of="speed", state="below"), source=SRC_SPEED)
    def test_method(self):
        self.advise_text(318, "请用户按规范测速:网线直连、单台电脑、关闭其它下载,用运营商测速平台多测几次", "internal",
                         source="https://speedtest.now/accuracy ;工信部要求按 YD/T 2400-2012 测速 "
                                "http://usito.org/news/miit-assigns-broadband-access-services-special-work-status")

    # --- latency ------------------------------------------------------------------------------------
    @rule("LATENCY", "用户报延迟高", Complaint(kind="high_latency"), source=SRC_LATENCY)
    def latency(self):
        self.category("bandwidth")
        self.finding("latency", "用户报延迟高:先PING DNS看到局端的网络路径是否正常")

    @rule("LATENCY-ASK-PING", "延迟高:PING DNS的时延", Complaint(kind="high_latency"), NOT(Figure(name="ping_ms")),
          item="五.带宽故障类.1")
    def latency_ask_ping(self):
        self.ask(365, "ping_ms")

    @rule("LATENCY-PATH-NORMAL", "延迟高但PING DNS正常:问题在用户内网或对端服务器、国际出口",
          Complaint(kind="high_latency"), Level(of="latency", state="normal"), NOT(Level(of="loss", state="high")),
          source=SRC_LATENCY)
    def latency_path_normal(self):
        self.cause("beyond_access", "到局端网络正常:延迟在用户内网(上行占满、无线)或对端服务器、国际出口", side="neither",
                   likely=True)
        self.advise_text(367, "空闲时正常、有人下载时飙升:上行占满,建议限速或开启QoS;只对某游戏或国外服务器高:tracert"
                              "看延迟出现在哪一跳,换服务器;仅无线卡:改5GHz、换信道", "internal", source=SRC_LATENCY)

    # --- drops ----------------------------------------------------------------------------------------
    @rule("DROP-OPERATOR-SESSION", "掉线时同步、约一天以上才掉一次:运营商定时重新认证", LINE_DROP,
          Yes("sync_at_drop"), Level(of="session", state="day"), source=SRC_SESSION)
    def drop_session_day(self):
        self.cause("session_timeout", "运营商定时重新认证(会话时长到期下线),周期各地不同,属正常下线", side="neither",
                   likely=True)
        self.advise_text(392, "查认证系统该帐号的下线原因是否为会话超时(Session-Timeout);是则告知用户属正常重认证,"
                              "路由器开启自动重拨即可", "internal", source=SRC_SESSION)

    @rule("DROP-ROUTER-SIDE", "掉线时同步、连上不久就掉:路由器或电脑侧", LINE_DROP,
          Yes("sync_at_drop"), Level(of="session", state="short"), source=SRC_ROUTER_DROP)
    def drop_router_side(self):
        self.cause("router_keepalive", "路由器或电脑侧掉线(PPPoE保活设置过严、负载大时掉线等)", side="user", likely=True,
                   terminal=True)
        self.advise_text(393, "用电脑网线直连光猫拨号对比:直连不掉则为路由器问题,调大路由器PPPoE的LCP echo间隔和失败次数"
                              "或升级固件", "internal", source=SRC_ROUTER_DROP)

    @rule("DROP-ASK-ROUTER", "掉线时同步:是否经路由器拨号", LINE_DROP, Yes("sync_at_drop"),
          NOT(Known("router")), NOT(Level(of="session")), source=SRC_ROUTER_DROP)
    def drop_ask_router(self):
        self.ask(394, "router")

    @rule("DROP-ROUTER", "经路由器拨号且掉线时同步:直连对比", LINE_DROP, Yes("sync_at_drop"),
          Yes("router"), NOT(Level(of="session")), source=SRC_ROUTER_DROP)
    def drop_router(self):
        self.finding("dial_router", "经路由器拨号且掉线时MODEM同步:先用电脑直连光猫拨号对比,区分路由器和线路")
        self.advise_text(393, "用电脑网线直连光猫拨号对比:直连不掉则为路由器问题,调大路由器PPPoE的LCP echo间隔和失败次数"
                              "或升级固件", "internal", source=SRC_ROUTER_DROP)

    @rule("DROP-NO-ROUTER", "电脑直接拨号且掉线时同步:查电脑和认证系统下线原因", LINE_DROP,
          Yes("sync_at_drop"), No("router"), NOT(Level(of="session")), source=SRC_SESSION)
    def drop_no_router(self):
        self.advise_text(392, "查认证系统该帐号的下线原因(会话超时、对端终止或用户主动下线)", "internal",
                         source=SRC_SESSION)

    # --- IPTV picture faults ---------------------------------------------------------------------------
    @rule("IPTV-PICTURE", "电视黑屏、卡顿或EPG进不去", Complaint(kind=P(lambda k: k in IPTV_PICTURE)), source=SRC_IPTV)
    def iptv_picture(self):
        self.category("iptv")
        self.advise_text(730, "记录机顶盒报错码、开机进度条停在多少,问点播和直播是否都不正常", "internal",
                         source=SRC_IPTV)

    @rule("IPTV-PICTURE-ASK-INTERNET", "电视故障:上互联网是否正常", Complaint(kind=P(lambda k: k in IPTV_PICTURE)),
          NOT(Known("internet_ok")), source=SRC_IPTV)
    def iptv_picture_ask_internet(self):
        self.ask(700, "internet_ok")

    @rule("IPTV-PICTURE-INTERNET-OK", "电视故障而上互联网正常:问题在电视业务本身",
          Complaint(kind=P(lambda k: k in IPTV_PICTURE)), Yes("internet_ok"), source=SRC_IPTV)
    def iptv_picture_internet_ok(self):
        self.finding("tv_only", "上互联网正常:问题在电视业务本身(组播、机顶盒或平台)")

    @rule("IPTV-BLACK-SCREEN", "直播黑屏:多为组播不通", Complaint(kind="iptv_black_screen"), NOT(No("internet_ok")),
          source=SRC_IPTV)
    def iptv_black(self):
        self.cause("multicast", "组播不通(直播黑屏而点播正常多为组播配置问题)", side="operator", likely=True)
        self.advise_text(731, "直播黑屏而点播正常:查OLT/ONU的组播VLAN配置和IGMP用户是否在线", "internal", source=SRC_IPTV)

    @rule("IPTV-BUFFERING", "电视卡顿、花屏:机顶盒网线、端口或带宽", Complaint(kind="iptv_buffering"),
          NOT(No("internet_ok")), source=SRC_IPTV)
    def iptv_buffering(self):
        self.cause("stb_link", "机顶盒网线或端口协商速率异常、带宽不足,或经无线/交换机连接", side="neither", likely=True)
        self.advise_text(732, "查机顶盒网线和端口协商速率、CRC错误;机顶盒经无线或交换机连接的请改为网线直连", "internal",
                         source=SRC_IPTV)

    @rule("IPTV-EPG", "EPG或菜单进不去:按开机进度条判断", Complaint(kind="iptv_epg"), NOT(No("internet_ok")),
          source=SRC_IPTV)
    def iptv_epg(self):
        self.cause("iptv_platform", "业务帐号认证或平台、配置问题(进度条停在85%以后)", side="neither", likely=True)
        self.advise_text(733, "进度条停在85–98%为业务帐号认证失败(查BIMS帐号),停在98%为软件或配置问题", "internal",
                         source=SRC_IPTV)

    # --- VPN that cannot connect ---------------------------------------------------------------------
    @rule("VPN-CONNECT", "VPN连不上", Complaint(kind="vpn_connect_failed"), source=SRC_VPN)
    def vpn_connect(self):
        self.category("vpn")
        self.advise_text(630, "先确认普通上网正常(排除宽带故障),再按错误代码区分PPTP和L2TP", "internal", source=SRC_VPN)

    @rule("VPN-CONNECT-ASK-INTERNET", "VPN连不上:普通上网是否正常", Complaint(kind="vpn_connect_failed"),
          NOT(Known("internet_ok")), source=SRC_VPN)
    def vpn_connect_ask_internet(self):
        self.ask(631, "internet_ok")

    @rule("VPN-CONNECT-ASK-CODE", "VPN连不上:报什么错误代码", Complaint(kind="vpn_connect_failed"), NOT(ErrorCode()),
          NOT(No("internet_ok")), source=SRC_VPN)
    def vpn_connect_ask_code(self):
        self.ask(632, "error_codes")

    @rule("VPN-CONNECT-INTERNET-OK", "普通上网正常而VPN连不上:VPN协议被拦截或VPN服务器问题",
          Complaint(kind="vpn_connect_failed"), Yes("internet_ok"), source=SRC_VPN)
    def vpn_connect_internet_ok(self):
        self.cause("vpn_path", "普通上网正常:VPN协议被路由器/防火墙拦截,或VPN服务器问题", side="neither", likely=True)
        self.advise_text(635, "普通上网正常而VPN仍连不上:请用户联系VPN中心点确认服务器", "internal", source=SRC_VPN)

    @rule("VPN-CONNECT-INTERNET-DOWN", "VPN连不上且普通上网也不正常:先按无法上网处理",
          Complaint(kind="vpn_connect_failed"), No("internet_ok"), source=SRC_VPN)
    def vpn_connect_internet_down(self):
        self.finding("vpn_not_vpn", "普通上网也不正常:不是VPN本身的问题,先按无法上网处理")

    @rule("VPN-CONNECT-ROUTER", "经路由器连VPN:路由器要开启VPN穿透", Complaint(kind="vpn_connect_failed"),
          Yes("internet_ok"), Yes("router"), source=SRC_VPN)
    def vpn_connect_router(self):
        self.advise_text(633, "经路由器:请用户在路由器开启VPN穿透(PPTP:TCP 1723和GRE 47;L2TP/IPsec:UDP 500/4500/1701),"
                              "或用电脑网线直连光猫拨号后再连VPN对比", "internal", source=SRC_VPN)

    @rule("VPN-CONNECT-ASK-ROUTER", "VPN连不上而普通上网正常:是否经路由器", Complaint(kind="vpn_connect_failed"),
          Yes("internet_ok"), NOT(Known("router")), source=SRC_VPN)
    def vpn_connect_ask_router(self):
        self.ask(634, "router")

    @rule("VPN-CONNECT-NO-ROUTER", "电脑直连也连不上VPN:多为VPN服务器或电脑设置", Complaint(kind="vpn_connect_failed"),
          Yes("internet_ok"), No("router"), source=SRC_VPN)
    def vpn_connect_no_router(self):
        self.finding("vpn_direct", "电脑直连也连不上VPN:路由器穿透可以排除,查VPN服务器地址、类型和电脑设置")

    # --- VPN that connects and then drops -----------------------------------------------------------
    # periodic_drop with service=vpn (corpus/README.md: a VPN or tunnel that connects and then drops). While the internet
    # is not known to drop with it, it is the VPN's: BW-DROP (定时掉线) takes it only when the internet drops too.
    @rule("VPN-DROP", "VPN连上后又断开(普通上网未见掉线):VPN隧道问题", LINE_DROP_VPN, NOT(No("internet_ok")),
          source=SRC_VPN_DROP)
    def vpn_drop(self):
        self.category("vpn")
        self.finding("vpn_drop", "VPN能连上、过一段时间断开:先确认断开时普通上网是否正常,正常则查VPN隧道的保活/空闲超时、"
                                 "MTU和路由器NAT,再查VPN服务器")
        self.advise_text(640, "VPN断开时请用户同时打开网页:普通上网也断则不是VPN本身的问题,按宽带掉线或无法上网处理;"
                              "只有VPN断开才是VPN隧道问题", "internal", source=SRC_VPN)

    @rule("VPN-DROP-ASK-INTERNET", "VPN连上后又断开:断开时普通上网是否正常", LINE_DROP_VPN, NOT(Known("internet_ok")),
          source=SRC_VPN_DROP)
    def vpn_drop_ask_internet(self):
        self.ask(640, "internet_ok")

    @rule("VPN-DROP-KEEPALIVE", "VPN隔一段时间就断开:保活或空闲超时", LINE_DROP_VPN, NOT(No("internet_ok")),
          source=SRC_VPN_DROP)
    def vpn_drop_keepalive(self):
        self.cause("vpn_keepalive", "VPN保活间隔长于路由器/运营商NAT的UDP老化时间,或VPN空闲超时到期", side="neither",
                   likely=True)
        self.advise_text(641, "断开间隔固定(几十秒到几分钟)多为保活或空闲超时:核对VPN客户端和服务器的保活(keepalive/DPD/NAT-T)"
                              "间隔,应短于路由器UDP会话老化时间(常见30秒至2分钟);再查VPN服务器的空闲超时(idle timeout)设置",
                         "internal", source=SRC_VPN_DROP)

    @rule("VPN-DROP-MTU", "VPN连上后能用一会就不通:PPPoE下隧道MTU/MSS", LINE_DROP_VPN, NOT(No("internet_ok")),
          source=SRC_VPN_MTU)
    def vpn_drop_mtu(self):
        self.advise_text(642, "PPPoE宽带MTU只有1492,再加VPN封装开销,大包会被丢弃(连上后小流量正常、打开网页或传文件就卡住):"
                              "请用户调小VPN接口MTU(如1400),或在路由器/VPN服务器开启TCP MSS钳制", "internal",
                         source=SRC_VPN_MTU)

    @rule("VPN-DROP-ROUTER", "经路由器连VPN且会断开:路由器VPN穿透与NAT会话", LINE_DROP_VPN, Yes("router"),
          NOT(No("internet_ok")), source=SRC_VPN)
    def vpn_drop_router(self):
        self.advise_text(643, "经路由器:查路由器VPN穿透/ALG(PPTP:TCP 1723和GRE 47;L2TP/IPsec:UDP 500/4500)是否开启、"
                              "UDP会话老化时间,升级路由器固件;或用电脑网线直连光猫拨号后再连VPN对比,直连不断则为路由器问题",
                         "internal", source=SRC_VPN)

    @rule("VPN-DROP-ASK-ROUTER", "VPN连上后又断开:是否经路由器", LINE_DROP_VPN, NOT(Known("router")),
          NOT(No("internet_ok")), source=SRC_VPN)
    def vpn_drop_ask_router(self):
        self.ask(643, "router")

    @rule("VPN-DROP-SERVER", "VPN连上后又断开:VPN服务器侧", LINE_DROP_VPN, NOT(No("internet_ok")), source=SRC_VPN_SERVER)
    def vpn_drop_server(self):
        self.advise_text(644, "换一个网络(如手机流量)同样断开,或同一VPN的其他用户也断开:问题在VPN服务器侧(连接数已满、"
                              "超时设置),请用户联系VPN中心点确认", "internal", source=SRC_VPN_SERVER)

    @rule("VPN-DROP-INTERNET-DOWN", "VPN断开时普通上网也不正常:不是VPN本身的问题", LINE_DROP_VPN, No("internet_ok"),
          source=SRC_VPN)
    def vpn_drop_internet_down(self):
        self.finding("vpn_not_vpn", "普通上网也不正常:不是VPN本身的问题,按宽带掉线、无法上网处理")

    # --- web pages fail while chat works --------------------------------------------------------------
    @rule("DNS-ASK-APPS", "网页打不开(非VPN用户):QQ、微信是否能用", Complaint(kind="web_unreachable"),
          NOT(ServiceType(kind="vpn")), NOT(Known("apps_ok")), source=SRC_DNS)
    def dns_ask_apps(self):
        self.ask(601, "apps_ok")

    @rule("WEB-UNREACHABLE", "网页打不开(不是VPN用户):网络无法使用类,先看QQ、微信能否使用", Complaint(kind="web_unreachable"),
          NOT(ServiceType(kind="vpn")), NOT(Complaint(kind="vpn_connect_failed")), source=SRC_DNS)
    def web_unreachable(self):
        self.category("no_network")

    @rule("DNS", "网页打不开而QQ、微信正常:DNS解析或代理设置", Complaint(kind="web_unreachable"), Yes("apps_ok"),
          NOT(ServiceType(kind="vpn")), source=SRC_DNS)
    def dns(self):
        self.category("no_network")
        self.cause("dns", "DNS解析或浏览器代理设置问题(网页打不开而QQ、微信正常)", side="neither", likely=True)
        self.advise_text(602, "ping公网IP通而ping域名不通即DNS问题:ipconfig /all 查DNS,改为自动获取或运营商DNS,"
                              "ipconfig /flushdns;再查路由器/光猫WAN口DNS;浏览器提示代理错误则关闭代理",
                         "internal", source=SRC_DNS)

    @rule("DNS-APPS-DOWN", "网页和QQ、微信都不能用:就是无法上网", Complaint(kind="web_unreachable"), No("apps_ok"),
          NOT(ServiceType(kind="vpn")), source=SRC_DNS)
    def dns_apps_down(self):
        self.finding("all_down", "网页和QQ、微信都不能用:不是DNS问题,按无法上网处理")
        self.declare(Complaint(kind="offline"))

    @rule("WEB-NOT-VPN", "网页打不开的不是VPN用户:不属于VPN用户网页无法打开", Complaint(kind="web_unreachable"),
          ServiceType(kind=P(lambda k: k != "vpn")), item="五.VPN用户网页无法打开")
    def web_not_vpn(self):
        self.finding("not_vpn", "不是VPN用户:不按“VPN用户网页无法打开”处理")

    # --- 651 after repeated authentication failures -------------------------------------------------------
    @rule("AUTH-651-LOCKOUT", "多次认证失败后报651:认证侧暂时锁定,按拨号认证类", ErrorCode(code=651),
          Complaint(kind="auth_failed"), NOT(No("modem_sync")), NOT(Yes("onu_los")),
          NOT(OnuPon(state=P(lambda s: s != "on"))), source=SRC_651_LOCKOUT)
    def auth_651_lockout(self):
        self.category("dial_auth", over=("no_network",))
        self.cause("auth_lockout", "多次认证失败后被暂时锁定,拨号报651,不是线路故障", side="neither", likely=True)
        self.advise_text(105, "先核对帐号密码(认证失败的原因);停拨3–5分钟后再拨,或更换拨号网卡的MAC地址后再拨", "internal",
                         source=SRC_651_LOCKOUT)

    # --- Wi-Fi and dial errors without a code ------------------------------------------------------------
    @rule("WIFI-PROBLEM", "无线(Wi-Fi)连不上或不稳定", Complaint(kind="wifi_problem"), source=SRC_SPEED)
    def wifi_problem(self):
        self.category("bandwidth")
        self.cause("wifi", "无线信号或路由器问题", side="user", likely=True, terminal=True)
        self.advise_text(319, "请用户用网线直连测试:有线正常则为无线问题(改用5GHz、换信道、靠近路由器,或重启路由器)",
                         "internal", source=SRC_SPEED)

    @rule("WIFI-OFFLINE", "连不上无线而上不了网:是无线的问题,按无线处理,不按线路不通", Complaint(kind="wifi_problem"),
          Complaint(kind="offline"), Link(kind="wifi"), NOT(ErrorCode()), NOT(No("modem_sync")), NOT(Yes("onu_los")),
          NOT(OnuPon(state=P(lambda s: s != "on"))), source=SRC_SPEED)
    def wifi_offline(self):
        self.category("bandwidth", over=("no_network",))
        self.finding("wifi_offline", "上不了网的是连无线的设备:先按无线问题处理;网线直连也上不了网才按网络无法使用类")
