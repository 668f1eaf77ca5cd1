<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
    <context>
        <name>PropDesk</name>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="29" />
            <source>项目</source>
            <translation>Item</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="30" />
            <source>金额（元）</source>
            <translation>Amount (yuan)</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="33" />
            <source>房间/对象</source>
            <translation>Room / object</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="34" />
            <source>新增</source>
            <translation>New</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="34" />
            <source>类别</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="34" />
            <source>调整</source>
            <translation>Adjustment</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="35" />
            <source>金额</source>
            <translation>Amount</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="36" />
            <location filename="../../ui/billing/room_fees.py" line="32" />
            <source>公式</source>
            <translation>Formula</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="84" />
            <source>按收费项目</source>
            <translation>By fee item</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="85" />
            <source>按楼栋</source>
            <translation>By building</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="98" />
            <source>应收明细</source>
            <translation>Bill lines</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="113" />
            <location filename="../../ui/billing/bill_run.py" line="214" />
            <location filename="../../ui/billing/bill_run.py" line="150" />
            <source>应收计算</source>
            <translation>Bill run</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="114" />
            <source>范围(&amp;S)</source>
            <translation>&amp;Scope</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="115" />
            <location filename="../../ui/billing/readings.py" line="267" />
            <source>账期(&amp;P)</source>
            <translation>&amp;Period</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="116" />
            <source>预览(&amp;V)</source>
            <translation>Pre&amp;view</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="117" />
            <source>确认入账(&amp;C)</source>
            <translation>&amp;Commit</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="119" />
            <location filename="../../ui/billing/bill_run.py" line="121" />
            <source>全公司</source>
            <translation>Whole company</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="150" />
            <location filename="../../ui/billing/readings.py" line="294" />
            <source>账期格式应为 YYYY-MM，如 2026-03</source>
            <translation>The period must be YYYY-MM, e.g. 2026-03</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="160" />
            <source>正在计算 {period} …</source>
            <translation>Computing {period} …</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="171" />
            <source>合计</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="177" />
            <source>{period} {scope}：新增 {new} 行，调整 {adj} 行，未变 {same} 行，涉及 {rooms} 个房间/车位，合计 {total} 元</source>
            <translation>{period} {scope}: {new} new lines, {adj} adjustments, {same} unchanged, {rooms} rooms/spaces, total {total} yuan</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="181" />
            <source>有 {n} 处错误，修正前不能入账</source>
            <translation>{n} error(s): correct them before committing</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="183" />
            <source>没有需要入账的内容</source>
            <translation>Nothing to post</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="185" />
            <source>明细只显示前 {n} 行</source>
            <translation>Only the first {n} lines are shown</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="194" />
            <source>将 {period} {scope} 的 {n} 行应收（合计 {total} 元）入账？入账后不能修改，只能调整。</source>
            <translation>Post {n} bill lines of {period} {scope} (total {total} yuan)? Posted lines cannot be edited, only adjusted.</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="194" />
            <location filename="../../ui/billing/bill_run.py" line="219" />
            <source>确认入账</source>
            <translation>Commit bill run</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="204" />
            <source>正在入账 {period} …</source>
            <translation>Posting {period} …</translation>
        </message>
        <message>
            <location filename="../../ui/billing/bill_run.py" line="223" />
            <source>已入账 {n} 行，合计 {total} 元，预存冲抵 {o} 笔</source>
            <translation>Posted {n} lines, total {total} yuan; {o} prepayment offsets</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="38" />
            <source>上次日期</source>
            <translation>Previous date</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="38" />
            <source>上次读数</source>
            <translation>Previous</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="38" />
            <source>仪表</source>
            <translation>Meter</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="38" />
            <source>房间</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="38" />
            <source>类型</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="39" />
            <source>回零</source>
            <translation>Rollover</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="39" />
            <source>提示</source>
            <translation>Checks</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="39" />
            <source>本次读数</source>
            <translation>Reading</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="39" />
            <source>用量</source>
            <translation>Usage</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="39" />
            <source>近6月平均</source>
            <translation>6-month average</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="110" />
            <source>公共表</source>
            <translation>Public meter</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="265" />
            <source>楼栋(&amp;B)</source>
            <translation>&amp;Building</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="269" />
            <source>抄表日期</source>
            <translation>Read on</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="270" />
            <source>载入(&amp;L)</source>
            <translation>&amp;Load</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="271" />
            <source>保存(&amp;S)</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="320" />
            <source>共 {n} 块表，已录 {done}，本次修改 {dirty}，错误 {err}，需确认 {warn}</source>
            <translation>{n} meters, {done} read, {dirty} changed, {err} errors, {warn} to confirm</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="332" />
            <source>以下读数需要确认：</source>
            <translation>These readings need confirmation:</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="332" />
            <source>确认保存？</source>
            <translation>Save them?</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="332" />
            <source>确认读数</source>
            <translation>Confirm readings</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="347" />
            <source>已保存 {n} 条读数</source>
            <translation>{n} readings saved</translation>
        </message>
        <message>
            <location filename="../../ui/billing/readings.py" line="352" />
            <location filename="../../ui/billing/readings.py" line="294" />
            <source>抄表</source>
            <translation>Meter readings</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="23" />
            <source>账期</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="24" />
            <source>收费项目</source>
            <translation>Fee item</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="25" />
            <source>应收</source>
            <translation>Billed</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="26" />
            <source>已收</source>
            <translation>Paid</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="27" />
            <source>未缴</source>
            <translation>Unpaid</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="29" />
            <source>滞纳金</source>
            <translation>Late fee</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="31" />
            <source>应缴日期</source>
            <translation>Due date</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="55" />
            <source>费用</source>
            <translation>Fees</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="73" />
            <source>共 {n} 项</source>
            <translation>{n} items</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="75" />
            <source>无业主，暂无费用</source>
            <translation>No owner, no fees</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="78" />
            <source>业主 {name}：欠费 {debt} 元，预存 {pre} 元，押金 {dep} 元</source>
            <translation>Owner {name} owes {debt} yuan; prepaid {pre} yuan; deposits {dep} yuan</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="80" />
            <source>选择一项查看计算公式</source>
            <translation>Select an item to see how it was computed</translation>
        </message>
        <message>
            <location filename="../../ui/billing/room_fees.py" line="106" />
            <source>滞纳金：</source>
            <translation>Late fee: </translation>
        </message>
    </context>
    <context>
        <name>Codes</name>
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
