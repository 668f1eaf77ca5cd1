<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
    <context>
        <name>PropDesk</name>
        <message>
            <location filename="../../ui/screens/workorders.py" line="39" />
            <source>紧急</source>
            <translation>Urgency</translation>
        </message>
        <message>
            <location filename="../../ui/screens/workorders.py" line="46" />
            <source>有偿</source>
            <translation>Paid</translation>
        </message>
        <message>
            <location filename="../../ui/screens/workorders.py" line="63" />
            <source>未完结</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../ui/screens/workorders.py" line="63" />
            <source>超时</source>
            <translation>Overdue</translation>
        </message>
        <message>
            <location filename="../../ui/screens/workorders.py" line="249" />
            <source>受理报修(&amp;N)…</source>
            <translation>&amp;New repair…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/workorders.py" line="250" />
            <source>公区报修(&amp;B)…</source>
            <translation>Pu&amp;blic-area request…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/workorders.py" line="253" />
            <source>只看派给我的</source>
            <translation>Only mine</translation>
        </message>
        <message>
            <location filename="../../ui/screens/workorders.py" line="254" />
            <source>单号、房号、位置、内容、报修人或电话，回车查询</source>
            <translation>Number, room, place, text, reporter or phone; Enter to search</translation>
        </message>
        <message>
            <location filename="../../ui/screens/workorders.py" line="267" />
            <source>共 {n} 张工单</source>
            <translation>{n} work orders</translation>
        </message>
        <message>
            <location filename="../../ui/screens/workorders_room.py" line="49" />
            <source>新建报修(&amp;N)…</source>
            <translation>&amp;New repair…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/workorders_room.py" line="51" />
            <source>共 {n} 张，未完结 {open} 张</source>
            <translation>{n} orders, {open} open</translation>
        </message>
        <message>
            <location filename="../../ui/service/__init__.py" line="12" />
            <location filename="../../ui/service/equipment.py" line="68" />
            <location filename="../../ui/service/equipment.py" line="90" />
            <location filename="../../ui/service/stock.py" line="56" />
            <location filename="../../ui/screens/workorders.py" line="248" />
            <location filename="../../ui/screens/workorders.py" line="125" />
            <location filename="../../ui/screens/workorders_room.py" line="39" />
            <location filename="../../ui/screens/__init__.py" line="40" />
            <source>工单</source>
            <translation>Work orders</translation>
        </message>
        <message>
            <location filename="../../ui/service/__init__.py" line="12" />
            <location filename="../../ui/service/complaints.py" line="208" />
            <location filename="../../ui/service/complaints.py" line="145" />
            <location filename="../../ui/screens/__init__.py" line="41" />
            <source>投诉</source>
            <translation>Complaints</translation>
        </message>
        <message>
            <location filename="../../ui/service/__init__.py" line="12" />
            <location filename="../../ui/service/stock.py" line="386" />
            <location filename="../../ui/screens/__init__.py" line="43" />
            <source>物料库存</source>
            <translation>Materials stock</translation>
        </message>
        <message>
            <location filename="../../ui/service/__init__.py" line="12" />
            <location filename="../../ui/service/equipment.py" line="303" />
            <location filename="../../ui/screens/__init__.py" line="42" />
            <source>设备与保养</source>
            <translation>Equipment &amp; maintenance</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="35" />
            <location filename="../../ui/screens/workorders.py" line="34" />
            <source>单号</source>
            <translation>Number</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="36" />
            <location filename="../../ui/service/complaints.py" line="210" />
            <location filename="../../ui/service/equipment.py" line="57" />
            <location filename="../../ui/service/equipment.py" line="92" />
            <location filename="../../ui/service/equipment.py" line="116" />
            <location filename="../../ui/service/order_panel.py" line="37" />
            <location filename="../../ui/screens/workorders.py" line="35" />
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="38" />
            <location filename="../../ui/service/complaints.py" line="157" />
            <source>房号</source>
            <translation>Room no.</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="39" />
            <location filename="../../ui/service/complaints.py" line="58" />
            <location filename="../../ui/service/complaints.py" line="157" />
            <source>投诉人</source>
            <translation>Complainant</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="40" />
            <source>身份</source>
            <translation>Role</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="41" />
            <location filename="../../ui/service/complaints.py" line="60" />
            <location filename="../../ui/service/workorder_dialogs.py" line="72" />
            <source>联系电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="42" />
            <location filename="../../ui/service/complaints.py" line="62" />
            <location filename="../../ui/service/complaints.py" line="158" />
            <source>投诉内容</source>
            <translation>Complaint</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="43" />
            <location filename="../../ui/service/complaints.py" line="158" />
            <location filename="../../ui/service/complaints.py" line="79" />
            <source>责任部门</source>
            <translation>Department</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="45" />
            <source>受理时间</source>
            <translation>Received</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="46" />
            <source>回复期限</source>
            <translation>Reply due</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="47" />
            <location filename="../../ui/service/complaints.py" line="105" />
            <location filename="../../ui/service/workorder_dialogs.py" line="203" />
            <source>满意度</source>
            <translation>Satisfaction</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="50" />
            <source>回复(&amp;R)</source>
            <translation>&amp;Reply</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="50" />
            <source>登记处理情况(&amp;D)</source>
            <translation>Recor&amp;d handling</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="50" />
            <source>转派(&amp;O)</source>
            <translation>R&amp;oute</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="51" />
            <source>完成(&amp;C)</source>
            <translation>&amp;Close</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="51" />
            <source>打印受理单(&amp;P)</source>
            <translation>&amp;Print form</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="51" />
            <source>重新处理(&amp;E)</source>
            <translation>R&amp;eopen</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="59" />
            <source>投诉人身份</source>
            <translation>Complainant is</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="61" />
            <location filename="../../ui/service/workorder_dialogs.py" line="68" />
            <source>房间</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="68" />
            <source>受理投诉</source>
            <translation>New complaint</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="70" />
            <source>如 JD-01-1-0502（可空）</source>
            <translation>e.g. JD-01-1-0502 (optional)</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="79" />
            <source>转派</source>
            <translation>Route</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="80" />
            <source>处理人</source>
            <translation>Handled by</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="87" />
            <source>登记处理情况</source>
            <translation>Record handling</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="93" />
            <location filename="../../ui/service/complaints.py" line="159" />
            <source>回复</source>
            <translation>Reply</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="94" />
            <source>回复方式</source>
            <translation>Reply method</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="96" />
            <source>回复内容</source>
            <translation>Reply text</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="101" />
            <location filename="../../ui/service/workorder_dialogs.py" line="216" />
            <source>原因</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="101" />
            <source>重新处理</source>
            <translation>Reopen</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="105" />
            <source>完成</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="157" />
            <source>受理</source>
            <translation>Received</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="159" />
            <location filename="../../ui/service/complaints.py" line="87" />
            <location filename="../../ui/service/complaints.py" line="95" />
            <source>处理情况</source>
            <translation>Handling</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="160" />
            <location filename="../../ui/service/equipment.py" line="65" />
            <location filename="../../ui/service/equipment.py" line="148" />
            <source>结果</source>
            <translation>Result</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="199" />
            <source>未完成</source>
            <translation>Not closed</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="200" />
            <location filename="../../ui/screens/workorders.py" line="63" />
            <location filename="../../ui/screens/workorders.py" line="159" />
            <location filename="../../ui/screens/workorders.py" line="170" />
            <source>全部</source>
            <translation>All</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="209" />
            <source>受理投诉(&amp;N)…</source>
            <translation>&amp;New complaint…</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="211" />
            <source>只看超时未回复</source>
            <translation>Only overdue replies</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="212" />
            <source>单号、投诉人、电话、房号或内容，回车查询</source>
            <translation>Number, complainant, phone, room or text; Enter to search</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="213" />
            <source>投诉处理受理单</source>
            <translation>Complaint form</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="219" />
            <source>共 {n} 件投诉</source>
            <translation>{n} complaints</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="286" />
            <source>打印受理单</source>
            <translation>Print form</translation>
        </message>
        <message>
            <location filename="../../ui/service/complaints.py" line="287" />
            <location filename="../../ui/service/order_panel.py" line="301" />
            <source>PDF 文件 (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="35" />
            <source>保修中</source>
            <translation>In warranty</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="35" />
            <source>已过保</source>
            <translation>Out of warranty</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="42" />
            <source>每 {n} 个月</source>
            <translation>every {n} months</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="42" />
            <source>每 {n} 周</source>
            <translation>every {n} weeks</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="42" />
            <source>每 {n} 季度</source>
            <translation>every {n} quarters</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="43" />
            <source>每 {n} 年</source>
            <translation>every {n} years</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="48" />
            <location filename="../../ui/service/equipment.py" line="107" />
            <source>设备编号</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="49" />
            <location filename="../../ui/service/equipment.py" line="107" />
            <source>设备名称</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="50" />
            <location filename="../../ui/service/equipment.py" line="63" />
            <location filename="../../ui/service/order_panel.py" line="114" />
            <location filename="../../ui/service/stock.py" line="35" />
            <location filename="../../ui/service/stock.py" line="292" />
            <location filename="../../ui/screens/workorders.py" line="38" />
            <location filename="../../ui/screens/workorders.py" line="251" />
            <source>类别</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="51" />
            <location filename="../../ui/service/equipment.py" line="88" />
            <location filename="../../ui/service/equipment.py" line="109" />
            <location filename="../../ui/service/order_panel.py" line="113" />
            <location filename="../../ui/service/workorder_dialogs.py" line="70" />
            <location filename="../../ui/screens/workorders.py" line="37" />
            <source>位置</source>
            <translation>Location</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="52" />
            <location filename="../../ui/service/equipment.py" line="109" />
            <source>型号</source>
            <translation>Model</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="53" />
            <location filename="../../ui/service/equipment.py" line="111" />
            <location filename="../../ui/service/stock.py" line="62" />
            <source>供应商</source>
            <translation>Supplier</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="54" />
            <location filename="../../ui/service/equipment.py" line="114" />
            <source>安装日期</source>
            <translation>Installed</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="55" />
            <location filename="../../ui/service/equipment.py" line="115" />
            <source>保修期至</source>
            <translation>Warranty until</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="56" />
            <source>保修</source>
            <translation>Warranty</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="62" />
            <location filename="../../ui/service/equipment.py" line="146" />
            <location filename="../../ui/service/stock.py" line="46" />
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="64" />
            <location filename="../../ui/service/equipment.py" line="147" />
            <source>工作内容</source>
            <translation>Work done</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="66" />
            <location filename="../../ui/service/equipment.py" line="149" />
            <source>执行人</source>
            <translation>Done by</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="67" />
            <location filename="../../ui/service/equipment.py" line="150" />
            <source>维保费用</source>
            <translation>Service cost</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="71" />
            <location filename="../../ui/service/equipment.py" line="87" />
            <location filename="../../ui/service/equipment.py" line="173" />
            <source>设备</source>
            <translation>Equipment</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="72" />
            <location filename="../../ui/service/equipment.py" line="89" />
            <location filename="../../ui/service/equipment.py" line="173" />
            <source>计划名称</source>
            <translation>Plan</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="73" />
            <source>周期</source>
            <translation>Every</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="74" />
            <location filename="../../ui/service/equipment.py" line="176" />
            <source>保养内容</source>
            <translation>Maintenance content</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="76" />
            <location filename="../../ui/service/equipment.py" line="177" />
            <source>责任岗位</source>
            <translation>Post</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="77" />
            <location filename="../../ui/service/equipment.py" line="178" />
            <source>负责人</source>
            <translation>Engineer</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="78" />
            <source>下次保养</source>
            <translation>Next due</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="79" />
            <source>上次保养</source>
            <translation>Last done</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="80" />
            <source>未完工单</source>
            <translation>Open orders</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="81" />
            <source>逾期</source>
            <translation>Overdue</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="85" />
            <source>应保养日期</source>
            <translation>Due date</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="86" />
            <source>逾期天数</source>
            <translation>Days late</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="90" />
            <source>未生成</source>
            <translation>Not generated</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="108" />
            <source>小区</source>
            <translation>Estate</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="108" />
            <source>设备类别</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="110" />
            <source>生产厂家</source>
            <translation>Manufacturer</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="112" />
            <source>供应商电话</source>
            <translation>Supplier phone</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="113" />
            <source>出厂编号</source>
            <translation>Serial number</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="116" />
            <location filename="../../ui/service/stock.py" line="293" />
            <source>备注</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="136" />
            <source>修改设备</source>
            <translation>Edit equipment</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="136" />
            <source>新增设备</source>
            <translation>New equipment</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="138" />
            <source>如 DT-01（电梯1号）</source>
            <translation>e.g. DT-01 (lift no. 1)</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="139" />
            <source>如 1栋电梯井、地下一层水泵房</source>
            <translation>e.g. lift shaft of building 1, pump room B1</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="145" />
            <source>记录类别</source>
            <translation>Record type</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="151" />
            <source>保养/维修记录</source>
            <translation>Maintenance/repair record</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="174" />
            <source>保养周期</source>
            <translation>Frequency</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="174" />
            <source>间隔</source>
            <translation>Every</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="175" />
            <source>首次保养日期</source>
            <translation>First due date</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="179" />
            <source>新增保养计划</source>
            <translation>New maintenance plan</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="186" />
            <source>间隔：每几个周期保养一次，如 电梯半月保养 = 周期“周”、间隔 2。</source>
            <translation>Every: how many periods between services, e.g. fortnightly lift service = frequency "Weekly", every 2.</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="187" />
            <source>如 1号电梯半月保养</source>
            <translation>e.g. lift no. 1 fortnightly service</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="188" />
            <source>如 电工、水工、电梯维保单位</source>
            <translation>e.g. electrician, plumber, lift contractor</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="229" />
            <location filename="../../ui/service/equipment.py" line="304" />
            <source>设备台账</source>
            <translation>Equipment ledger</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="270" />
            <location filename="../../ui/service/equipment.py" line="304" />
            <source>保养计划</source>
            <translation>Maintenance plans</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="283" />
            <location filename="../../ui/service/equipment.py" line="304" />
            <source>逾期保养</source>
            <translation>Overdue maintenance</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="306" />
            <source>编号、名称、位置、型号或供应商，回车查询</source>
            <translation>Code, name, location, model or supplier; Enter to search</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="307" />
            <source>新增设备(&amp;N)…</source>
            <translation>&amp;New equipment…</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="308" />
            <location filename="../../ui/service/stock.py" line="391" />
            <source>修改(&amp;E)…</source>
            <translation>&amp;Edit…</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="309" />
            <source>登记维保记录(&amp;R)…</source>
            <translation>Add &amp;record…</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="310" />
            <source>设备报修(&amp;B)…</source>
            <translation>Re&amp;port a fault…</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="311" />
            <location filename="../../ui/service/equipment.py" line="241" />
            <source>维保记录</source>
            <translation>Maintenance and repair history</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="312" />
            <source>截至</source>
            <translation>As of</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="313" />
            <location filename="../../ui/service/equipment.py" line="408" />
            <source>生成到期保养工单</source>
            <translation>Generate due maintenance orders</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="314" />
            <source>新增保养计划…</source>
            <translation>New plan…</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="315" />
            <source>截至 {day} 应保养而未完成的项目，共 {n} 项</source>
            <translation>Maintenance due before {day} and not done: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="392" />
            <source>设备报修</source>
            <translation>Equipment fault</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="393" />
            <source>故障现象</source>
            <translation>Fault</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="394" />
            <location filename="../../ui/service/workorder_dialogs.py" line="74" />
            <source>紧急程度</source>
            <translation>Urgency</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="406" />
            <source>已生成保养工单 {n} 张</source>
            <translation>{n} maintenance orders generated</translation>
        </message>
        <message>
            <location filename="../../ui/service/equipment.py" line="407" />
            <source>没有到期未生成的保养</source>
            <translation>No due maintenance left to generate</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="35" />
            <source>时间</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="36" />
            <source>操作</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="38" />
            <source>操作员</source>
            <translation>Operator</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="39" />
            <location filename="../../ui/service/stock.py" line="58" />
            <location filename="../../ui/service/stock.py" line="126" />
            <location filename="../../ui/service/stock.py" line="232" />
            <source>说明</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="42" />
            <source>项目</source>
            <translation>Item</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="43" />
            <location filename="../../ui/service/stock.py" line="51" />
            <location filename="../../ui/service/stock.py" line="127" />
            <location filename="../../ui/service/workorder_dialogs.py" line="236" />
            <source>数量</source>
            <translation>Qty</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="44" />
            <location filename="../../ui/service/stock.py" line="36" />
            <location filename="../../ui/service/stock.py" line="53" />
            <location filename="../../ui/service/stock.py" line="291" />
            <location filename="../../ui/service/stock.py" line="230" />
            <source>单位</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="45" />
            <location filename="../../ui/service/stock.py" line="40" />
            <location filename="../../ui/service/stock.py" line="54" />
            <location filename="../../ui/service/stock.py" line="293" />
            <source>单价</source>
            <translation>Unit price</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="47" />
            <location filename="../../ui/service/stock.py" line="41" />
            <source>金额</source>
            <translation>Amount</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="54" />
            <source>开始处理(&amp;S)</source>
            <translation>&amp;Start</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="54" />
            <source>派工(&amp;D)</source>
            <translation>&amp;Dispatch</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="54" />
            <source>领料(&amp;M)</source>
            <translation>Issue &amp;material</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="55" />
            <source>回访(&amp;R)</source>
            <translation>&amp;Return visit</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="55" />
            <source>完工(&amp;I)</source>
            <translation>Fin&amp;ish</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="55" />
            <source>退料(&amp;T)</source>
            <translation>Re&amp;turn material</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="56" />
            <source>恢复(&amp;E)</source>
            <translation>R&amp;esume</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="56" />
            <source>挂起(&amp;U)</source>
            <translation>S&amp;uspend</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="56" />
            <source>返修(&amp;W)</source>
            <translation>Re&amp;work</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="57" />
            <source>取消(&amp;C)</source>
            <translation>&amp;Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="57" />
            <source>打印报修单(&amp;P)</source>
            <translation>&amp;Print repair form</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="113" />
            <location filename="../../ui/service/workorder_dialogs.py" line="71" />
            <location filename="../../ui/screens/workorders.py" line="42" />
            <source>报修人</source>
            <translation>Reporter</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="113" />
            <location filename="../../ui/service/stock.py" line="49" />
            <location filename="../../ui/screens/workorders.py" line="47" />
            <source>类型</source>
            <translation>Type</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="114" />
            <location filename="../../ui/screens/workorders.py" line="44" />
            <source>报修时间</source>
            <translation>Reported</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="115" />
            <location filename="../../ui/service/workorder_dialogs.py" line="80" />
            <location filename="../../ui/screens/workorders.py" line="45" />
            <source>完成时限</source>
            <translation>Due</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="115" />
            <location filename="../../ui/service/workorder_dialogs.py" line="159" />
            <location filename="../../ui/screens/workorders.py" line="43" />
            <location filename="../../ui/screens/workorders.py" line="252" />
            <source>维修人员</source>
            <translation>Engineer</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="116" />
            <location filename="../../ui/service/workorder_dialogs.py" line="78" />
            <location filename="../../ui/screens/workorders.py" line="40" />
            <source>报修内容</source>
            <translation>Problem</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="116" />
            <location filename="../../ui/service/workorder_dialogs.py" line="77" />
            <source>预约时间</source>
            <translation>Appointment</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="117" />
            <location filename="../../ui/service/workorder_dialogs.py" line="202" />
            <source>回访</source>
            <translation>Return visit</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="117" />
            <location filename="../../ui/service/workorder_dialogs.py" line="189" />
            <source>处理结果</source>
            <translation>Work done</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="117" />
            <source>费用</source>
            <translation>Fees</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="198" />
            <location filename="../../ui/service/order_panel.py" line="156" />
            <source>材料及费用</source>
            <translation>Materials and charges</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="199" />
            <location filename="../../ui/service/order_panel.py" line="166" />
            <source>处理记录</source>
            <translation>History</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="206" />
            <source>未选择工单</source>
            <translation>No order selected</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="222" />
            <source>已超时</source>
            <translation>Overdue</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="229" />
            <source>有偿维修，合计 {total} 元（{state}）</source>
            <translation>Paid repair, total {total} yuan ({state})</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="231" />
            <source>未完工</source>
            <translation>not finished</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="233" />
            <source>无偿维修（材料成本 {total} 元）</source>
            <translation>Free repair (materials cost {total} yuan)</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="240" />
            <source>（挂起原因：{reason}）</source>
            <translation> (on hold: {reason})</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="242" />
            <source>（取消原因：{reason}）</source>
            <translation> (cancelled: {reason})</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="256" />
            <source>改派(&amp;G)</source>
            <translation>Reassi&amp;gn</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="260" />
            <source>还没有用料或费用：按 领料（Alt+M）从库存领出材料</source>
            <translation>No materials or charges yet: press Issue material (Alt+M) to take materials from stock</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="262" />
            <source>没有用料或费用</source>
            <translation>No materials or charges</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="301" />
            <source>打印报修单</source>
            <translation>Print repair form</translation>
        </message>
        <message>
            <location filename="../../ui/service/order_panel.py" line="335" />
            <source>工单详情</source>
            <translation>Work order</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="31" />
            <location filename="../../ui/service/stock.py" line="290" />
            <source>物料编码</source>
            <translation>Item code</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="33" />
            <source>名称</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="34" />
            <location filename="../../ui/service/stock.py" line="291" />
            <source>规格</source>
            <translation>Spec</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="37" />
            <location filename="../../ui/service/stock.py" line="387" />
            <location filename="../../ui/service/stock.py" line="348" />
            <source>库存</source>
            <translation>On hand</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="39" />
            <location filename="../../ui/service/stock.py" line="292" />
            <source>库存下限</source>
            <translation>Minimum</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="42" />
            <source>低于下限</source>
            <translation>Below minimum</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="42" />
            <source>预警</source>
            <translation>Warning</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="47" />
            <source>单据号</source>
            <translation>Document</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="50" />
            <location filename="../../ui/service/stock.py" line="127" />
            <location filename="../../ui/service/stock.py" line="230" />
            <location filename="../../ui/service/workorder_dialogs.py" line="236" />
            <source>物料</source>
            <translation>Item</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="55" />
            <source>往来</source>
            <translation>Party</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="57" />
            <source>经办</source>
            <translation>By</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="58" />
            <source>【已冲销】</source>
            <translation>[reversed] </translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="59" />
            <source>【负库存】</source>
            <translation>[negative stock] </translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="61" />
            <source>入库单</source>
            <translation>Goods received</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="61" />
            <source>返库单</source>
            <translation>Material returned</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="61" />
            <source>领料单</source>
            <translation>Material issued</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="62" />
            <source>退料人</source>
            <translation>Returned by</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="62" />
            <source>领料人</source>
            <translation>Issued to</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="127" />
            <source>进价</source>
            <translation>Cost price</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="128" />
            <source>加一行</source>
            <translation>Add line</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="129" />
            <source>删除所选行</source>
            <translation>Delete line</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="130" />
            <source>允许负库存（将记录在审计日志）</source>
            <translation>Allow negative stock (recorded in the audit log)</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="228" />
            <location filename="../../ui/service/stock.py" line="451" />
            <source>盘点</source>
            <translation>Stocktake</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="229" />
            <source>在“实盘数量”列填写清点结果；与账面不同的物料将生成盘盈/盘亏调整。</source>
            <translation>Enter what you counted in the "Counted" column; every difference from the book becomes a surplus or shortage adjustment.</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="230" />
            <source>账面数量</source>
            <translation>Book</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="231" />
            <source>实盘数量</source>
            <translation>Counted</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="231" />
            <source>差异</source>
            <translation>Difference</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="248" />
            <source>无效</source>
            <translation>invalid</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="265" />
            <source>有物料的实盘数量不是有效数字，请检查红色“无效”的行</source>
            <translation>Some counted quantities are not numbers; check the rows marked "invalid".</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="290" />
            <source>物料名称</source>
            <translation>Item name</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="304" />
            <source>修改物料</source>
            <translation>Edit item</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="304" />
            <source>新增物料</source>
            <translation>New item</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="306" />
            <source>单价用于有偿维修的材料费和盘点差异金额。</source>
            <translation>The unit price is charged for material on paid repairs and values stocktake differences.</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="388" />
            <location filename="../../ui/service/stock.py" line="364" />
            <source>库存流水</source>
            <translation>Movements</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="389" />
            <source>编码、名称、规格或类别，回车查询</source>
            <translation>Code, name, spec or category; Enter to search</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="390" />
            <source>只看低于下限</source>
            <translation>Only below minimum</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="391" />
            <source>入库(&amp;I)…</source>
            <translation>Receive (&amp;I)…</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="391" />
            <source>新增物料(&amp;N)…</source>
            <translation>&amp;New item…</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="392" />
            <source>返库(&amp;R)…</source>
            <translation>&amp;Return…</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="392" />
            <source>领料(&amp;O)…</source>
            <translation>Issue (&amp;O)…</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="393" />
            <source>盘点(&amp;T)…</source>
            <translation>S&amp;tocktake…</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="395" />
            <source>冲销所选行(&amp;S)…</source>
            <translation>Rever&amp;se line…</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="396" />
            <source>还没有库存流水：入库、领料、返库和盘点后在这里逐笔列出</source>
            <translation>No stock movements yet: receipts, issues, returns and stocktakes are listed here one by one</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="399" />
            <source>{n} 种物料低于库存下限</source>
            <translation>{n} items below their minimum</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="444" />
            <source>{code} {name}：账面 {book}，实盘 {counted}，{kind} {diff}</source>
            <translation>{code} {name}: book {book}, counted {counted}, {kind} {diff}</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="446" />
            <source>盘亏</source>
            <translation>shortage</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="446" />
            <source>盘盈</source>
            <translation>surplus</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="448" />
            <source>盘点单 {number}：{n} 项，差异 {d} 项</source>
            <translation>Stocktake {number}: {n} items, {d} differences</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="450" />
            <source>账实相符</source>
            <translation>Stock agrees with the book</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="459" />
            <source>冲销</source>
            <translation>Reverse</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="459" />
            <source>冲销原因</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../../ui/service/stock.py" line="462" />
            <source>冲销会生成一张数量相反的单据，原单据保留。</source>
            <translation>A reversal posts the opposite quantity; the original line is kept.</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="66" />
            <source>受理报修</source>
            <translation>New repair request</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="67" />
            <source>工单类型</source>
            <translation>Type</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="69" />
            <source>业主</source>
            <translation>Owner</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="73" />
            <source>报修类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="75" />
            <source>来源</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="76" />
            <source>预约上门</source>
            <translation>Book a visit</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="82" />
            <source>如 JD-01-1-0502，输入后回车</source>
            <translation>e.g. JD-01-1-0502, then Enter</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="83" />
            <source>公区位置，如 3栋大堂、地下车库B区</source>
            <translation>Public place, e.g. lobby of building 3, car park zone B</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="84" />
            <source>默认为业主</source>
            <translation>Owner by default</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="84" />
            <source>默认为业主电话</source>
            <translation>Owner's phone by default</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="85" />
            <source>什么坏了、在哪里、现象</source>
            <translation>What is broken, where, what happens</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="121" />
            <source>{urgency}：{due} 前完成</source>
            <translation>{urgency}: due {due}</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="136" />
            <source>找不到房间 {code}</source>
            <translation>No room {code}</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="143" />
            <source>{name}　{phone}</source>
            <translation>{name}  {phone}</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="147" />
            <source>该房间暂无业主</source>
            <translation>This room has no owner</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="158" />
            <source>改派</source>
            <translation>Reassign</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="158" />
            <source>派工</source>
            <translation>Dispatch</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="159" />
            <source>派工说明</source>
            <translation>Instructions</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="188" />
            <source>完工</source>
            <translation>Finish</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="189" />
            <source>工时</source>
            <translation>Hours</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="190" />
            <source>人工费</source>
            <translation>Labour fee</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="190" />
            <location filename="../../ui/service/workorder_dialogs.py" line="79" />
            <source>有偿维修</source>
            <translation>Paid repair</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="193" />
            <source>有偿维修完工后，人工费和所领材料按单价计入该房间业主的应收，由收费员收取。</source>
            <translation>On a paid repair, labour and the material issued are charged to the room owner's account at finish; the cashier collects.</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="194" />
            <source>做了什么、换了什么、是否试用正常</source>
            <translation>What was done and replaced; does it work now</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="203" />
            <source>回访意见</source>
            <translation>Comments</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="208" />
            <source>取消工单</source>
            <translation>Cancel work order</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="208" />
            <source>挂起</source>
            <translation>Suspend</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="208" />
            <source>返修</source>
            <translation>Rework</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="238" />
            <source>允许负库存</source>
            <translation>Allow negative stock</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="239" />
            <source>退料</source>
            <translation>Return material</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="239" />
            <source>领料</source>
            <translation>Issue material</translation>
        </message>
        <message>
            <location filename="../../ui/service/workorder_dialogs.py" line="245" />
            <source>{code} {name} {spec}（库存 {qty}{unit}）</source>
            <translation>{code} {name} {spec} ({qty} {unit} on hand)</translation>
        </message>
        <message>
            <source>每 {n} {unit}</source>
            <translation type="vanished">every {n} {unit}</translation>
        </message>
    </context>
    <context>
        <name>Codes</name>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="15" />
            <location filename="../../propdesk/services/service_desk/codes.py" line="98" />
            <source>保养</source>
            <translation>Maintenance</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="15" />
            <source>公区</source>
            <translation>Public area</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="15" />
            <source>报修</source>
            <translation>Repair</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="20" />
            <source>水电</source>
            <translation>Plumbing &amp; electrical</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="21" />
            <source>土建</source>
            <translation>Building</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="22" />
            <location filename="../../propdesk/services/service_desk/codes.py" line="81" />
            <source>电梯</source>
            <translation>Lift</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="23" />
            <source>门窗</source>
            <translation>Doors &amp; windows</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="24" />
            <source>公共设施</source>
            <translation>Public facilities</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="25" />
            <source>消防</source>
            <translation>Fire safety</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="26" />
            <location filename="../../propdesk/services/service_desk/codes.py" line="65" />
            <location filename="../../propdesk/services/service_desk/codes.py" line="67" />
            <location filename="../../propdesk/services/service_desk/codes.py" line="89" />
            <source>其他</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="29" />
            <source>前台</source>
            <translation>Front desk</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="30" />
            <location filename="../../propdesk/services/service_desk/codes.py" line="66" />
            <source>电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="31" />
            <source>微信</source>
            <translation>WeChat</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="32" />
            <source>员工上报</source>
            <translation>Staff</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="33" />
            <source>保养计划</source>
            <translation>Maintenance plan</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="35" />
            <source>一般</source>
            <translation>Normal</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="35" />
            <source>特急</source>
            <translation>Emergency</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="35" />
            <source>紧急</source>
            <translation>Urgent</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="35" />
            <source>计划</source>
            <translation>Planned</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="38" />
            <source>待派工</source>
            <translation>To dispatch</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="39" />
            <source>已派工</source>
            <translation>Dispatched</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="40" />
            <location filename="../../propdesk/services/service_desk/codes.py" line="76" />
            <source>处理中</source>
            <translation>In progress</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="41" />
            <source>待回访</source>
            <translation>To call back</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="42" />
            <location filename="../../propdesk/services/service_desk/codes.py" line="77" />
            <source>已完成</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="43" />
            <location filename="../../propdesk/services/service_desk/codes.py" line="54" />
            <source>挂起</source>
            <translation>On hold</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="44" />
            <location filename="../../propdesk/services/service_desk/codes.py" line="56" />
            <source>取消</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="48" />
            <source>受理</source>
            <translation>Received</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="49" />
            <source>派工</source>
            <translation>Dispatched</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="50" />
            <source>开始处理</source>
            <translation>Started</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="51" />
            <source>完工</source>
            <translation>Finished</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="52" />
            <source>回访</source>
            <translation>Return visit</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="53" />
            <source>返修</source>
            <translation>Rework</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="55" />
            <source>恢复</source>
            <translation>Resumed</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="57" />
            <location filename="../../propdesk/services/service_desk/codes.py" line="104" />
            <source>领料</source>
            <translation>Material issued</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="58" />
            <source>退料</source>
            <translation>Material returned</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="59" />
            <source>工时</source>
            <translation>Labour</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="61" />
            <source>不满意</source>
            <translation>Unsatisfied</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="61" />
            <source>基本满意</source>
            <translation>Fairly satisfied</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="61" />
            <source>满意</source>
            <translation>Satisfied</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="62" />
            <source>已入账</source>
            <translation>Posted</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="62" />
            <source>待入账</source>
            <translation>Waiting for billing</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="62" />
            <source>无</source>
            <translation>None</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="65" />
            <source>业主</source>
            <translation>Owner</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="65" />
            <source>住户</source>
            <translation>Resident</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="65" />
            <source>租客</source>
            <translation>Tenant</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="65" />
            <source>访客</source>
            <translation>Visitor</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="66" />
            <source>亲临</source>
            <translation>In person</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="66" />
            <source>信件/传真</source>
            <translation>Letter/fax</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="66" />
            <source>电邮</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="69" />
            <source>客服部</source>
            <translation>Customer service</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="70" />
            <source>工程部</source>
            <translation>Engineering</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="71" />
            <source>秩序维护部</source>
            <translation>Security</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="72" />
            <source>环境部</source>
            <translation>Cleaning &amp; grounds</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="73" />
            <source>财务部</source>
            <translation>Finance</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="74" />
            <source>管理处</source>
            <translation>Management office</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="76" />
            <source>已受理</source>
            <translation>Received</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="76" />
            <source>已回复</source>
            <translation>Replied</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="82" />
            <source>水泵</source>
            <translation>Pump</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="83" />
            <source>供配电</source>
            <translation>Power distribution</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="84" />
            <source>消防系统</source>
            <translation>Fire system</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="85" />
            <source>监控</source>
            <translation>CCTV</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="86" />
            <source>门禁</source>
            <translation>Access control</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="87" />
            <source>发电机</source>
            <translation>Generator</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="88" />
            <source>空调通风</source>
            <translation>HVAC</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="92" />
            <source>正常</source>
            <translation>Running</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="93" />
            <source>故障</source>
            <translation>Faulty</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="94" />
            <source>维修中</source>
            <translation>Under repair</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="95" />
            <source>停用</source>
            <translation>Out of service</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="96" />
            <source>报废</source>
            <translation>Scrapped</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="98" />
            <source>巡检</source>
            <translation>Inspection</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="98" />
            <source>维修</source>
            <translation>Repair</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="99" />
            <source>周</source>
            <translation>Weekly</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="99" />
            <source>季</source>
            <translation>Quarterly</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="99" />
            <source>年</source>
            <translation>Yearly</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="99" />
            <source>月</source>
            <translation>Monthly</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="103" />
            <source>入库</source>
            <translation>Received</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="105" />
            <source>返库</source>
            <translation>Returned</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="106" />
            <source>盘点调整</source>
            <translation>Stocktake adjustment</translation>
        </message>
        <message>
            <location filename="../../propdesk/services/service_desk/codes.py" line="107" />
            <source>冲销</source>
            <translation>Reversal</translation>
        </message>
        <message>
            <source>个月</source>
            <translation type="vanished">months</translation>
        </message>
        <message>
            <source>季度</source>
            <translation type="vanished">quarters</translation>
        </message>
    </context>
</TS>
