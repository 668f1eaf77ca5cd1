<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
    <context>
        <name>PropDesk</name>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="30" />
            <source>项目</source>
            <translation>Item</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="31" />
            <source>金额（元）</source>
            <translation>Amount (yuan)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="34" />
            <location filename="../../ui/billing/fee_dialogs.py" line="364" />
            <source>房间/对象</source>
            <translation>Room / object</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="35" />
            <source>新增</source>
            <translation>New</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="35" />
            <location filename="../../ui/billing/fees.py" line="32" />
            <location filename="../../ui/billing/meter_list.py" line="67" />
            <source>类别</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="35" />
            <location filename="../../ui/billing/item_dialogs.py" line="30" />
            <source>调整</source>
            <translation>Adjustment</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="36" />
            <location filename="../../ui/billing/room_fees.py" line="44" />
            <source>金额</source>
            <translation>Amount</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="37" />
            <location filename="../../ui/billing/item_dialogs.py" line="107" />
            <location filename="../../ui/billing/room_fees.py" line="34" />
            <source>公式</source>
            <translation>Formula</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="87" />
            <source>按收费项目</source>
            <translation>By fee item</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="88" />
            <source>按楼栋</source>
            <translation>By building</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="101" />
            <source>应收明细</source>
            <translation>Bill lines</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="118" />
            <location filename="../../ui/billing/bill_run.py" line="234" />
            <location filename="../../ui/billing/bill_run.py" line="167" />
            <source>应收计算</source>
            <translation>Bill run</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="119" />
            <source>范围(&amp;S)</source>
            <translation>&amp;Scope</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="120" />
            <location filename="../../ui/billing/readings.py" line="282" />
            <source>账期(&amp;P)</source>
            <translation>&amp;Period</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="121" />
            <location filename="../../ui/billing/fee_dialogs.py" line="485" />
            <source>预览(&amp;V)</source>
            <translation>Pre&amp;view</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="122" />
            <source>确认入账(&amp;C)</source>
            <translation>&amp;Commit</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="124" />
            <location filename="../../ui/billing/bill_run.py" line="126" />
            <location filename="../../ui/billing/discounts.py" line="53" />
            <location filename="../../ui/billing/fee_dialogs.py" line="432" />
            <location filename="../../ui/billing/fees.py" line="46" />
            <location filename="../../ui/billing/fees.py" line="203" />
            <source>全公司</source>
            <translation>Whole company</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="132" />
            <source>所选账期和范围没有需要生成的应收</source>
            <translation>Nothing to bill for this period and scope</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="133" />
            <source>选择账期和范围，按 预览（Alt+V）查看将要生成的应收</source>
            <translation>Choose the period and scope, then press Preview (Alt+V) to see the bills it will create</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="167" />
            <location filename="../../ui/billing/readings.py" line="295" />
            <location filename="../../ui/billing/readings.py" line="325" />
            <source>账期格式应为 YYYY-MM，如 2026-03</source>
            <translation>The period must be YYYY-MM, e.g. 2026-03</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="178" />
            <source>正在计算 {period} …</source>
            <translation>Computing {period} …</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="191" />
            <source>合计</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="197" />
            <source>{period} {scope}：新增 {new} 行，调整 {adj} 行，未变 {same} 行，涉及 {rooms} 个房间/车位，合计 {total} 元</source>
            <translation>{period} {scope}: {new} new lines, {adj} adjustments, {same} unchanged, {rooms} rooms/spaces, total {total} yuan</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="201" />
            <source>有 {n} 处错误，修正前不能入账</source>
            <translation>{n} error(s): correct them before committing</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="203" />
            <source>没有需要入账的内容</source>
            <translation>Nothing to post</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="205" />
            <source>明细只显示前 {n} 行</source>
            <translation>Only the first {n} lines are shown</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="214" />
            <source>将 {period} {scope} 的 {n} 行应收（合计 {total} 元）入账？入账后不能修改，只能调整。</source>
            <translation>Post {n} bill lines of {period} {scope} (total {total} yuan)? Posted lines cannot be edited, only adjusted.</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="214" />
            <location filename="../../ui/billing/bill_run.py" line="239" />
            <source>确认入账</source>
            <translation>Commit bill run</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="224" />
            <source>正在入账 {period} …</source>
            <translation>Posting {period} …</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="243" />
            <source>已入账 {n} 行，合计 {total} 元，预存冲抵 {o} 笔</source>
            <translation>Posted {n} lines, total {total} yuan; {o} prepayment offsets</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="32" />
            <source>减收 {p}%</source>
            <translation>{p}% off</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="34" />
            <source>减免 {amount} 元</source>
            <translation>{amount} yuan off</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="35" />
            <source>预缴 {n} 月送 {m} 月</source>
            <translation>Pay {n} months, get {m} free</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="44" />
            <source>已截止</source>
            <translation>Ended</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="45" />
            <source>执行中</source>
            <translation>In force</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="45" />
            <source>未开始</source>
            <translation>Not started</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="49" />
            <location filename="../../ui/billing/fees.py" line="31" />
            <location filename="../../ui/billing/fees.py" line="37" />
            <location filename="../../ui/billing/meter_list.py" line="53" />
            <source>名称</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="50" />
            <source>优惠类型</source>
            <translation>Discount type</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="51" />
            <source>优惠</source>
            <translation>Discount</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="52" />
            <source>全部项目</source>
            <translation>All fee items</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="52" />
            <location filename="../../ui/billing/discounts.py" line="114" />
            <location filename="../../ui/billing/fee_dialogs.py" line="321" />
            <location filename="../../ui/billing/fees.py" line="38" />
            <location filename="../../ui/billing/fees.py" line="66" />
            <location filename="../../ui/billing/fees.py" line="137" />
            <location filename="../../ui/billing/item_dialogs.py" line="106" />
            <location filename="../../ui/billing/room_fees.py" line="26" />
            <location filename="../../ui/billing/room_fees.py" line="43" />
            <source>收费项目</source>
            <translation>Fee item</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="53" />
            <location filename="../../ui/billing/discounts.py" line="114" />
            <location filename="../../ui/billing/fee_dialogs.py" line="482" />
            <location filename="../../ui/billing/fees.py" line="46" />
            <source>范围</source>
            <translation>Scope</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="54" />
            <location filename="../../ui/billing/discounts.py" line="114" />
            <location filename="../../ui/billing/fee_dialogs.py" line="482" />
            <location filename="../../ui/billing/fees.py" line="48" />
            <source>起始账期</source>
            <translation>First period</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="55" />
            <location filename="../../ui/billing/fees.py" line="49" />
            <source>结束账期</source>
            <translation>Last period</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="55" />
            <source>长期</source>
            <translation>Open-ended</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="110" />
            <source>新建优惠</source>
            <translation>New discount</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="111" />
            <source>优惠类型(&amp;K)</source>
            <translation>Discount &amp;type</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="111" />
            <location filename="../../ui/billing/fee_dialogs.py" line="111" />
            <location filename="../../ui/billing/fee_dialogs.py" line="145" />
            <location filename="../../ui/billing/fee_dialogs.py" line="199" />
            <location filename="../../ui/billing/fee_dialogs.py" line="321" />
            <location filename="../../ui/billing/meter_dialogs.py" line="307" />
            <source>名称(&amp;N)</source>
            <translation>&amp;Name</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="112" />
            <source>优惠比例（%，50 = 减收一半）</source>
            <translation>Discount (%, 50 = half off)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="112" />
            <source>每期减免金额（元）</source>
            <translation>Reduction per bill (yuan)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="113" />
            <source>赠送月数 M</source>
            <translation>Months free (M)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="113" />
            <source>预缴月数 N</source>
            <translation>Months prepaid (N)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="115" />
            <source>原因(&amp;R)</source>
            <translation>&amp;Reason</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="115" />
            <source>结束账期（空 = 长期）</source>
            <translation>Last period (empty = open-ended)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="117" />
            <source>全部收费项目</source>
            <translation>All fee items</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="118" />
            <source>不填则用优惠类型</source>
            <translation>Leave empty to use the discount type</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="119" />
            <source>YYYY-MM，如 2026-12</source>
            <translation>YYYY-MM, e.g. 2026-12</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="120" />
            <source>必填，如：业委会决议空置房物业费减半</source>
            <translation>Required, e.g. owners' committee resolution: half fee for vacant rooms</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="152" />
            <source>截止优惠：{name}</source>
            <translation>End discount: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="153" />
            <source>最后一个享受优惠的账期</source>
            <translation>Last period with the discount</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="154" />
            <source>自 {start} 起执行。截止后，之后账期计费不再享受此优惠；已入账的账单不会自动改变。</source>
            <translation>In force since {start}. After it ends, later periods are billed without it; bills already posted do not change by themselves.</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="171" />
            <location filename="../../ui/billing/fees.py" line="144" />
            <source>优惠规则</source>
            <translation>Discount rules</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="193" />
            <source>新建优惠(&amp;D)…</source>
            <translation>New &amp;discount…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="194" />
            <source>截止优惠…</source>
            <translation>End discount…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/discounts.py" line="195" />
            <source>计费时按比例、固定金额、空置房优惠自动扣减；预缴送月在收银台预缴时使用</source>
            <translation>Percentage, fixed and vacant-room discounts are deducted when billing; prepay offers are used at the cashier</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="35" />
            <source>按半年计费</source>
            <translation>Billed half-yearly</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="35" />
            <source>按季计费</source>
            <translation>Billed quarterly</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="35" />
            <source>按年计费</source>
            <translation>Billed yearly</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="35" />
            <source>按月计费</source>
            <translation>Billed monthly</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="110" />
            <source>新建收费项目</source>
            <translation>New fee item</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="111" />
            <source>类别(&amp;K)</source>
            <translation>&amp;Kind</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="111" />
            <location filename="../../ui/billing/fee_dialogs.py" line="321" />
            <source>编码(&amp;C)</source>
            <translation>&amp;Code</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="144" />
            <source>修改收费项目：{name}</source>
            <translation>Edit fee item: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="145" />
            <source>排序号（小的在前）</source>
            <translation>Sort order (smaller first)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="145" />
            <source>编码 / 类别</source>
            <translation>Code / kind</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="146" />
            <source>停用（新建收费标准时不再列出）</source>
            <translation>Disabled (not offered for new standards)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="195" />
            <source>修改收费标准：{name}</source>
            <translation>Edit fee standard: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="199" />
            <source>编码 / 项目 / 方式</source>
            <translation>Code / item / method</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="199" />
            <location filename="../../ui/billing/fee_dialogs.py" line="322" />
            <source>缴费人</source>
            <translation>Billed to</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="200" />
            <source>应缴日推后月数（0 = 当月）</source>
            <translation>Due months later (0 = same month)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="200" />
            <location filename="../../ui/billing/fee_dialogs.py" line="323" />
            <source>应缴日（每月）</source>
            <translation>Due day (of month)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="201" />
            <source>入住、迁出当月按天折算</source>
            <translation>Prorate by day in move-in and move-out months</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="202" />
            <source>停用（计费时不再收取）</source>
            <translation>Disabled (no longer billed)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="204" />
            <source>计费方式、计费对象、收费项目和计费周期不能修改：需要时请新建收费标准并重新分配。价格请用「新价格版本」从某月起调整。</source>
            <translation>The method, billed object, fee item and cycle cannot be changed: create a new standard and reassign it. Change prices with a new price version from a given month.</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="251" />
            <source>单价（元）</source>
            <translation>Unit price (yuan)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="251" />
            <source>生效账期</source>
            <translation>Effective from (period)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="252" />
            <source>每月金额（元）</source>
            <translation>Monthly amount (yuan)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="252" />
            <source>阶梯（上限:单价，如 15:3.50, 25:4.55, :6.10）</source>
            <translation>Tiers (limit:price, e.g. 15:3.50, 25:4.55, :6.10)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="253" />
            <source>公式（如 建筑面积 * 单价）</source>
            <translation>Formula (e.g. 建筑面积 * 单价)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="253" />
            <source>滞纳金日费率（如 0.0005）</source>
            <translation>Daily late-fee rate (e.g. 0.0005)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="254" />
            <source>宽限天数</source>
            <translation>Grace days</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="254" />
            <source>滞纳金封顶（本金倍数）</source>
            <translation>Late-fee cap (× principal)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="256" />
            <source>可用变量：建筑面积、套内面积、单价、固定金额、月数、计费天数、楼层</source>
            <translation>Variables: 建筑面积 (area), 套内面积 (inner_area), 单价 (price), 固定金额 (amount), 月数 (months), 计费天数 (days), 楼层 (floor)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="276" />
            <source>阶梯格式应为 上限:单价，用逗号分隔，最后一档上限留空</source>
            <translation>Write tiers as limit:price separated by commas, with the last limit empty</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="320" />
            <source>新建收费标准</source>
            <translation>New fee standard</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="322" />
            <source>计费对象</source>
            <translation>Billed object</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="322" />
            <location filename="../../ui/billing/fees.py" line="39" />
            <source>计费方式</source>
            <translation>Method</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="323" />
            <source>表类型</source>
            <translation>Meter kind</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="323" />
            <source>计费周期</source>
            <translation>Cycle</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="324" />
            <source>分摊方式</source>
            <translation>Split by</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="352" />
            <source>新价格版本：{name}</source>
            <translation>New price version: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="365" />
            <source>原标准</source>
            <translation>Before</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="366" />
            <source>新标准</source>
            <translation>After</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="402" />
            <source>指定房间…</source>
            <translation>One room…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="403" />
            <source>指定车位…</source>
            <translation>One parking space…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="405" />
            <source>房间编码，如 JD-01-1-0502</source>
            <translation>Room code, e.g. JD-01-1-0502</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="405" />
            <source>车位编码，如 JD-P1-001</source>
            <translation>Space code, e.g. JD-P1-001</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="439" />
            <source>{code}单元</source>
            <translation>unit {code}</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="481" />
            <source>分配收费标准：{name}</source>
            <translation>Assign fee standard: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="482" />
            <source>房间用途（空=全部）</source>
            <translation>Room usage (empty = all)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="483" />
            <source>排除（此范围不收该项目）</source>
            <translation>Exclude (this scope is not charged this fee)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fee_dialogs.py" line="505" />
            <source>{item}：新增 {g}，改变 {c}，取消 {l}，不变 {u}</source>
            <translation>{item}: {g} gain it, {c} change, {l} lose it, {u} unchanged</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="30" />
            <location filename="../../ui/billing/fees.py" line="36" />
            <source>编码</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="40" />
            <source>当前价格</source>
            <translation>Current price</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="41" />
            <source>生效</source>
            <translation>From</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="42" />
            <source>版本数</source>
            <translation>Versions</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="47" />
            <source>全部</source>
            <translation>All</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="47" />
            <source>用途</source>
            <translation>Usage</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="50" />
            <source>排除</source>
            <translation>Exclude</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="79" />
            <location filename="../../ui/billing/fees.py" line="138" />
            <source>收费标准</source>
            <translation>Fee standards</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="91" />
            <source>分配规则</source>
            <translation>Assignment rules</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="139" />
            <source>分配规则（计费时按规则匹配，新增房间自动适用）</source>
            <translation>Assignment rules (matched at bill time; new rooms inherit them)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="140" />
            <source>新建项目(&amp;I)…</source>
            <translation>New &amp;item…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="141" />
            <source>修改项目(&amp;M)…</source>
            <translation>Edit ite&amp;m…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="142" />
            <source>修改标准(&amp;D)…</source>
            <translation>E&amp;dit standard…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="143" />
            <source>收费标准与分配</source>
            <translation>Standards and assignments</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="145" />
            <source>新建标准(&amp;N)…</source>
            <translation>&amp;New standard…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="146" />
            <source>新价格版本(&amp;V)…</source>
            <translation>New price &amp;version…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="147" />
            <source>分配(&amp;A)…</source>
            <translation>&amp;Assign…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="148" />
            <source>截止(&amp;E)…</source>
            <translation>&amp;End…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="149" />
            <source>优先级：房间 &gt; 单元 &gt; 楼栋 &gt; 小区 &gt; 全公司</source>
            <translation>Precedence: room &gt; unit &gt; building &gt; estate &gt; company</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="255" />
            <source>截止分配规则</source>
            <translation>End assignment rule</translation>
        </message>
        <message>
            <location filename="../../ui/billing/fees.py" line="255" />
            <source>最后一个计费账期（YYYY-MM）：</source>
            <translation>Last billed period (YYYY-MM):</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="30" />
            <source>减免</source>
            <translation>Waiver</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="106" />
            <location filename="../../ui/billing/room_fees.py" line="27" />
            <source>应收</source>
            <translation>Billed</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="106" />
            <location filename="../../ui/billing/meter_list.py" line="64" />
            <location filename="../../ui/billing/room_fees.py" line="25" />
            <location filename="../../ui/billing/room_fees.py" line="42" />
            <source>账期</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="107" />
            <location filename="../../ui/billing/room_fees.py" line="28" />
            <source>已收</source>
            <translation>Paid</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="107" />
            <location filename="../../ui/billing/room_fees.py" line="29" />
            <source>未缴</source>
            <translation>Unpaid</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="111" />
            <source>减免金额</source>
            <translation>Amount waived</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="111" />
            <source>调整金额</source>
            <translation>Adjustment amount</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="112" />
            <source>不超过未缴金额</source>
            <translation>Up to the unpaid amount</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="113" />
            <source>调增为正数，调减为负数，如 -20.00</source>
            <translation>Positive to raise, negative to lower, e.g. -20.00</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="114" />
            <source>必填，如：困难户减免、面积更正</source>
            <translation>Required, e.g. hardship waiver, area correction</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="131" />
            <source>未缴 {before} → {after}</source>
            <translation>Unpaid {before} → {after}</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="134" />
            <source>应收 {before} → {after}</source>
            <translation>Billed {before} → {after}</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="137" />
            <source>多缴 {amount} 元转入预存</source>
            <translation>Overpaid {amount} yuan goes to prepayment</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="143" />
            <source>您没有此项权限：请主管输入用户名和密码授权，系统将记录您和授权主管。</source>
            <translation>You lack this permission: a supervisor must enter their user name and password to authorize it; both of you are recorded.</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="144" />
            <source>减免、调整记为新的调整行，原账单不变；请写明原因。</source>
            <translation>A waiver or adjustment is recorded as a new adjustment line; the original bill stays as it is. Give a reason.</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="150" />
            <source>减免金额应大于 0 且不超过未缴 {amount} 元</source>
            <translation>The amount waived must be more than 0 and at most the unpaid {amount} yuan</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="152" />
            <source>请输入调整金额（调增为正数，调减为负数），不能为 0</source>
            <translation>Enter the adjustment (positive to raise, negative to lower); it cannot be 0</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="154" />
            <source>请写明原因</source>
            <translation>Give a reason</translation>
        </message>
        <message>
            <location filename="../../ui/billing/item_dialogs.py" line="156" />
            <source>请主管输入用户名和密码授权</source>
            <translation>A supervisor must enter their user name and password to authorize</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="31" />
            <source>{code} {name} 小区公共表</source>
            <translation>{code} {name} estate public meters</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="83" />
            <source>{field}「{text}」不是数字</source>
            <translation>{field}: "{text}" is not a number</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="86" />
            <source>请填写{field}</source>
            <translation>{field} is required</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="167" />
            <source>新建仪表</source>
            <translation>New meter</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="168" />
            <source>户表（房间）(&amp;R)</source>
            <translation>&amp;Room meter</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="169" />
            <source>公共表（楼栋）(&amp;U)</source>
            <translation>P&amp;ublic meter (building)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="170" />
            <source>（不公摊）</source>
            <translation>(no shared cost)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="171" />
            <source>留空自动生成</source>
            <translation>Empty = generated</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="172" />
            <location filename="../../ui/billing/meter_dialogs.py" line="306" />
            <source>如 9999.9；空 = 不回零</source>
            <translation>e.g. 9999.9; empty = never rolls over</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="174" />
            <source>房间(&amp;O)</source>
            <translation>R&amp;oom</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="175" />
            <source>公摊标准(&amp;H)</source>
            <translation>S&amp;hared-cost standard</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="175" />
            <source>表类型(&amp;K)</source>
            <translation>Meter &amp;kind</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="175" />
            <source>起始读数(&amp;I)</source>
            <translation>&amp;Initial reading</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="176" />
            <source>安装日期(&amp;D)</source>
            <translation>Installe&amp;d on</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="176" />
            <location filename="../../ui/billing/meter_dialogs.py" line="308" />
            <source>最大读数(&amp;X)</source>
            <translation>Ma&amp;ximum reading</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="177" />
            <source>仪表编码(&amp;C)</source>
            <translation>Meter &amp;code</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="177" />
            <location filename="../../ui/billing/meter_dialogs.py" line="308" />
            <source>倍率(&amp;M)</source>
            <translation>&amp;Multiplier</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="177" />
            <location filename="../../ui/billing/meter_dialogs.py" line="308" />
            <source>读数小数位(&amp;P)</source>
            <translation>Decimal &amp;places</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="178" />
            <location filename="../../ui/billing/meter_list.py" line="52" />
            <source>表号</source>
            <translation>Serial no.</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="182" />
            <location filename="../../ui/billing/meter_dialogs.py" line="317" />
            <location filename="../../ui/billing/meter_list.py" line="45" />
            <source>最大读数</source>
            <translation>Maximum reading</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="182" />
            <source>起始读数</source>
            <translation>Initial reading</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="183" />
            <location filename="../../ui/billing/meter_dialogs.py" line="317" />
            <location filename="../../ui/billing/meter_list.py" line="44" />
            <location filename="../../ui/billing/meter_list.py" line="71" />
            <source>倍率</source>
            <translation>Multiplier</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="189" />
            <source>该楼栋没有房间：请选公共表，或先在房产资料中建房间</source>
            <translation>This building has no rooms: choose a public meter, or first create rooms under Property</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="235" />
            <source>换表：{code}</source>
            <translation>Replace meter: {code}</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="236" />
            <location filename="../../ui/billing/meter_dialogs.py" line="305" />
            <location filename="../../ui/billing/meter_list.py" line="42" />
            <location filename="../../ui/billing/readings.py" line="115" />
            <source>公共表</source>
            <translation>Public meter</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="239" />
            <location filename="../../ui/billing/meter_dialogs.py" line="240" />
            <source>不变（现为 {value}）</source>
            <translation>Unchanged (now {value})</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="241" />
            <source>无</source>
            <translation>None</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="242" />
            <source>换表当期用量 = 旧表（止码 − 上次读数）+ 新表（本期读数 − 起码），各按自己的倍率。</source>
            <translation>Usage in the replacement period = old meter (final − previous reading) + new meter (reading − initial), each with its own multiplier.</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="243" />
            <source>旧表换下前已回零（止码小于上次读数）</source>
            <translation>The old meter wrapped to zero before it came off (final reading below the last one)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="244" />
            <location filename="../../ui/billing/meter_list.py" line="49" />
            <location filename="../../ui/billing/readings.py" line="41" />
            <source>上次读数</source>
            <translation>Previous</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="244" />
            <location filename="../../ui/billing/meter_dialogs.py" line="307" />
            <location filename="../../ui/billing/meter_list.py" line="113" />
            <location filename="../../ui/billing/readings.py" line="41" />
            <source>仪表</source>
            <translation>Meter</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="244" />
            <source>旧表止码(&amp;O)</source>
            <translation>&amp;Old meter final reading</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="245" />
            <source>回零(&amp;Z)</source>
            <translation>&amp;Rollover</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="245" />
            <source>换表日期(&amp;D)</source>
            <translation>Replacement &amp;date</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="245" />
            <source>新表起码(&amp;I)</source>
            <translation>New meter &amp;initial reading</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="246" />
            <source>新倍率(&amp;M)</source>
            <translation>New &amp;multiplier</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="246" />
            <source>新最大读数(&amp;X)</source>
            <translation>New ma&amp;ximum reading</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="246" />
            <source>新表号</source>
            <translation>New serial no.</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="251" />
            <source>新表起码</source>
            <translation>New meter initial reading</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="251" />
            <source>旧表止码</source>
            <translation>Old meter final reading</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="252" />
            <source>新倍率</source>
            <translation>New multiplier</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="252" />
            <source>新最大读数</source>
            <translation>New maximum reading</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="304" />
            <source>修改仪表：{code}</source>
            <translation>Edit meter: {code}</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="307" />
            <source>表号(&amp;S)</source>
            <translation>&amp;Serial no.</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="309" />
            <source>停用(&amp;T)</source>
            <translation>Inac&amp;tive</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="309" />
            <source>备注(&amp;O)</source>
            <translation>N&amp;ote</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="311" />
            <source>不再抄表；之后的账期不再计费，已抄的账期照常计费</source>
            <translation>No more readings; not billed for later periods, periods already read are billed as usual</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="312" />
            <source>该表已有抄表读数：倍率、最大读数和小数位不能修改，修改会改变已算出的用量；换了表或互感器请用「换表」。</source>
            <translation>This meter has readings: multiplier, maximum reading and decimal places cannot change, as that would change usage already computed; for a new register or current transformer use Replace meter.</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_dialogs.py" line="314" />
            <source>倍率、最大读数和小数位只能在第一次抄表前修改；之后请用「换表」。</source>
            <translation>Multiplier, maximum reading and decimal places can change only before the first reading; afterwards use Replace meter.</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="40" />
            <source>仪表编码</source>
            <translation>Meter code</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="41" />
            <location filename="../../ui/billing/readings.py" line="41" />
            <source>房间</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="43" />
            <location filename="../../ui/billing/readings.py" line="41" />
            <source>类型</source>
            <translation>Type</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="46" />
            <source>小数位</source>
            <translation>Decimals</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="48" />
            <source>在用</source>
            <translation>In use</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="50" />
            <location filename="../../ui/billing/readings.py" line="41" />
            <source>上次日期</source>
            <translation>Previous date</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="51" />
            <source>公摊标准</source>
            <translation>Shared-cost standard</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="59" />
            <source>装表起码</source>
            <translation>Initial reading (installed)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="60" />
            <source>{kind}（回零）</source>
            <translation>{kind} (rollover)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="65" />
            <location filename="../../ui/billing/readings.py" line="284" />
            <source>抄表日期</source>
            <translation>Read on</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="66" />
            <source>读数</source>
            <translation>Reading</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="69" />
            <location filename="../../ui/billing/readings.py" line="42" />
            <source>用量</source>
            <translation>Usage</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="73" />
            <source>录入人</source>
            <translation>Entered by</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="116" />
            <location filename="../../ui/billing/meter_list.py" line="238" />
            <source>读数记录</source>
            <translation>Readings</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="160" />
            <location filename="../../ui/billing/readings.py" line="278" />
            <source>楼栋(&amp;B)</source>
            <translation>&amp;Building</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="161" />
            <source>新建仪表(&amp;N)…</source>
            <translation>&amp;New meter…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="162" />
            <location filename="../../ui/billing/meter_list.py" line="165" />
            <source>修改仪表(&amp;E)…</source>
            <translation>&amp;Edit meter…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="163" />
            <location filename="../../ui/billing/meter_list.py" line="167" />
            <source>换表(&amp;R)…</source>
            <translation>&amp;Replace meter…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="170" />
            <source>仪表（户表在前，公共表在后）</source>
            <translation>Meters (room meters first, then public meters)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="240" />
            <source>读数记录：{code}（{kind}，单位 {unit}；最新在上）</source>
            <translation>Readings: {code} ({kind}, unit {unit}; newest first)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="249" />
            <source>共 {n} 块表：户表 {room}，公共表 {public}</source>
            <translation>{n} meters: {room} room meters, {public} public meters</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="252" />
            <source>，其中停用 {n}</source>
            <translation>, {n} inactive</translation>
        </message>
        <message>
            <location filename="../../ui/billing/meter_list.py" line="288" />
            <source>已保存仪表 {code}</source>
            <translation>Meter {code} saved</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="42" />
            <source>回零</source>
            <translation>Rollover</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="42" />
            <source>本次读数</source>
            <translation>Reading</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="42" />
            <source>核对提示</source>
            <translation>Checks</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="42" />
            <source>近6月平均</source>
            <translation>6-month average</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="131" />
            <source>已停用：读数不能修改</source>
            <translation>Inactive: the reading cannot be changed</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="285" />
            <source>载入(&amp;L)</source>
            <translation>&amp;Load</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="286" />
            <source>保存(&amp;S)</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="293" />
            <source>正在载入…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="294" />
            <source>还没有仪表：先在 仪表 页新建仪表，再回来抄表</source>
            <translation>No meters yet: add them on the Meter screen first, then come back to enter readings</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="296" />
            <source>{place} 在 {period} 没有要抄的表。换一个楼栋或账期；新仪表在 仪表 页建立</source>
            <translation>{place} has no meters to read in {period}. Choose another building or period; new meters are added on the Meter screen</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="348" />
            <source>本次修改的 {n} 条读数还没有保存，放弃这些读数并载入 {place} {period}？</source>
            <translation>{n} readings entered here are not saved yet. Discard them and load {place} {period}?</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="399" />
            <source>共 {n} 块表，已录 {done}，本次修改 {dirty}，错误 {err}，需确认 {warn}</source>
            <translation>{n} meters, {done} read, {dirty} changed, {err} errors, {warn} to confirm</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="411" />
            <source>以下读数需要确认：</source>
            <translation>These readings need confirmation:</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="411" />
            <source>确认保存？</source>
            <translation>Save them?</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="411" />
            <source>确认读数</source>
            <translation>Confirm readings</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="428" />
            <source>已保存 {n} 条读数</source>
            <translation>{n} readings saved</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="433" />
            <location filename="../../ui/billing/readings.py" line="325" />
            <location filename="../../ui/billing/readings.py" line="348" />
            <source>抄表</source>
            <translation>Meter readings</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="31" />
            <source>滞纳金</source>
            <translation>Late fee</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="33" />
            <source>应缴日期</source>
            <translation>Due date</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="38" />
            <source>缴费</source>
            <translation>Payment</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="38" />
            <source>预存冲抵</source>
            <translation>Prepayment offset</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="39" />
            <source>多缴转预存</source>
            <translation>Overpayment to prepaid</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="45" />
            <source>方式</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="79" />
            <source>费用信息</source>
            <translation>Fees</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="91" />
            <source>收款记录</source>
            <translation>Payments</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="107" />
            <source>共 {n} 项</source>
            <translation>{n} items</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="109" />
            <source>无业主，暂无费用</source>
            <translation>No owner, no fees</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="112" />
            <source>业主 {name}：欠费 {debt} 元，预存 {pre} 元，押金 {dep} 元</source>
            <translation>Owner {name} owes {debt} yuan; prepaid {pre} yuan; deposits {dep} yuan</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="114" />
            <source>选择一项查看计算公式</source>
            <translation>Select an item to see how it was computed</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="118" />
            <source>减免(&amp;W)…</source>
            <translation>&amp;Waive…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="119" />
            <source>减免所选项目的未缴金额（需主管权限或主管授权）</source>
            <translation>Waive unpaid money of the selected item (needs a supervisor, or a supervisor's authorization)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="121" />
            <source>调整(&amp;J)…</source>
            <translation>Ad&amp;just…</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="122" />
            <source>调增或调减所选项目的应收（调减需主管权限或主管授权）</source>
            <translation>Raise or lower what the selected item bills (lowering needs a supervisor, or a supervisor's authorization)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="172" />
            <source>滞纳金：</source>
            <translation>Late fee: </translation>
        </message>
    </context>
    <context>
        <name>Codes</name>
        <message>
            <location filename="../../propdesk/billing/calc.py" line="25" />
            <source>单价×建筑面积</source>
            <translation>Unit price × building area</translation>
        </message>
        <message>
            <location filename="../../propdesk/billing/calc.py" line="26" />
            <source>单价×套内面积</source>
            <translation>Unit price × inner area</translation>
        </message>
        <message>
            <location filename="../../propdesk/billing/calc.py" line="27" />
            <source>固定金额</source>
            <translation>Fixed amount</translation>
        </message>
        <message>
            <location filename="../../propdesk/billing/calc.py" line="28" />
            <source>用量×单价（可阶梯）</source>
            <translation>Usage × unit price (tiers allowed)</translation>
        </message>
        <message>
            <location filename="../../propdesk/billing/calc.py" line="29" />
            <source>公摊</source>
            <translation>Shared cost</translation>
        </message>
        <message>
            <location filename="../../propdesk/billing/calc.py" line="30" />
            <source>自定义公式</source>
            <translation>Custom formula</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="23" />
            <source>临时·一次性</source>
            <translation>Temporary / one-off</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="23" />
            <source>周期性</source>
            <translation>Periodic</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="23" />
            <source>抄表类</source>
            <translation>Metered</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="24" />
            <source>代收</source>
            <translation>Collected for others</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="24" />
            <location filename="../../propdesk/models/billing.py" line="38" />
            <source>押金</source>
            <translation>Deposit</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="25" />
            <location filename="../../propdesk/models/billing.py" line="33" />
            <source>房间</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="25" />
            <location filename="../../propdesk/models/billing.py" line="33" />
            <source>车位</source>
            <translation>Parking space</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="25" />
            <source>车辆</source>
            <translation>Vehicle</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="26" />
            <source>业主</source>
            <translation>Owner</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="26" />
            <source>租户（无租户时业主）</source>
            <translation>Tenant (owner when no tenant)</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="27" />
            <source>按套内面积</source>
            <translation>By inner area</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="27" />
            <source>按建筑面积</source>
            <translation>By building area</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="27" />
            <source>按户</source>
            <translation>Per household</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="28" />
            <source>水表</source>
            <translation>Water meter</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="28" />
            <source>热量表</source>
            <translation>Heat meter</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="28" />
            <source>燃气表</source>
            <translation>Gas meter</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="28" />
            <source>电表</source>
            <translation>Electricity meter</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="30" />
            <source>抄表</source>
            <translation>Meter readings</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="30" />
            <source>换表新表起码</source>
            <translation>New meter initial reading</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="30" />
            <source>换表旧表止码</source>
            <translation>Old meter final reading</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="31" />
            <source>导入</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="31" />
            <source>手工</source>
            <translation>Manual</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="31" />
            <source>设备</source>
            <translation>Device</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="32" />
            <source>全公司</source>
            <translation>Whole company</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="32" />
            <source>单元</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="32" />
            <source>小区</source>
            <translation>Estate</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="32" />
            <source>楼栋</source>
            <translation>Building</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="33" />
            <source>停车场</source>
            <translation>Parking lot</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="34" />
            <source>固定金额减免</source>
            <translation>Fixed reduction</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="34" />
            <source>按比例优惠</source>
            <translation>Percentage discount</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="34" />
            <source>空置房优惠</source>
            <translation>Vacant-room discount</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="35" />
            <source>预缴N月送M月</source>
            <translation>Pay N months, get M free</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="36" />
            <location filename="../../propdesk/models/billing.py" line="38" />
            <source>应收</source>
            <translation>Billed</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="36" />
            <source>期初欠费</source>
            <translation>Opening arrears</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="36" />
            <source>滞纳金</source>
            <translation>Late fee</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="36" />
            <source>调整</source>
            <translation>Adjustment</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="37" />
            <source>临时收费</source>
            <translation>One-off charge</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/billing.py" line="38" />
            <source>预存</source>
            <translation>Prepayment</translation>
        </message>
    </context>
</TS>
