<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
    <context>
        <name>PropDesk</name>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="30" />
            <location filename="../../ui/screens/cards.py" line="308" />
            <source>工本费</source>
            <translation>Card fee</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="30" />
            <location filename="../../ui/cards/panel.py" line="34" />
            <location filename="../../ui/screens/cards.py" line="308" />
            <source>押金</source>
            <translation>Deposit</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="30" />
            <location filename="../../ui/screens/cards.py" line="308" />
            <source>补卡费</source>
            <translation>Replacement fee</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="31" />
            <source>月卡停车费</source>
            <translation>Monthly parking</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="31" />
            <source>退押金</source>
            <translation>Deposit refund</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="39" />
            <source>押金 {amount} 元尚未在收费台收取，已撤销，无需退还</source>
            <translation>The deposit of {amount} yuan was never taken at the cashier: withdrawn, nothing to pay back</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="41" />
            <source>{what} {amount} 元</source>
            <translation>{what} {amount} yuan</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="44" />
            <source>请到收费台办理：{items}</source>
            <translation>To pay at the cashier: {items}</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="44" />
            <source>请到收费台退还：{items}</source>
            <translation>To pay back at the cashier: {items}</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="140" />
            <source>发卡</source>
            <translation>Issue card</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="143" />
            <source>卡类型(&amp;T)</source>
            <translation>Card &amp;type</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="143" />
            <source>持卡人(&amp;H)</source>
            <translation>&amp;Holder</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="143" />
            <source>生效日期</source>
            <translation>Valid from</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="144" />
            <source>押金（元）</source>
            <translation>Deposit (yuan)</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="144" />
            <source>月数</source>
            <translation>Months</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="144" />
            <source>有效期至(&amp;U)</source>
            <translation>Valid &amp;until</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="145" />
            <location filename="../../ui/cards/operations.py" line="278" />
            <source>备注</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="145" />
            <source>工本费（元）</source>
            <translation>Card fee (yuan)</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="145" />
            <location filename="../../ui/screens/cards.py" line="309" />
            <source>月租（元/月）</source>
            <translation>Monthly fee (yuan/month)</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="148" />
            <source>覆盖卡上本系统未登记的凭证（仅在确认是本处写卡失败遗留的卡时勾选）</source>
            <translation>Overwrite a credential this database does not know (only for a card left over by a failed write here)</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="149" />
            <source>发卡(&amp;I)</source>
            <translation>&amp;Issue</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="150" />
            <source>请把空白卡平放在读卡器上</source>
            <translation>Place a blank card flat on the reader</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="153" />
            <source>填写持卡信息后，把空白卡放在读卡器上，点击“发卡”。</source>
            <translation>Fill in the holder, place a blank card on the reader, then click “Issue”.</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="158" />
            <source>正在读取资料…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="160" />
            <source>房间 {room}</source>
            <translation>Room {room}</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="162" />
            <source>未关联房间</source>
            <translation>No room</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="263" />
            <source>正在写卡 {uid}，请勿移动卡片…</source>
            <translation>Writing card {uid}; do not move the card…</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="269" />
            <source>校验通过，发卡成功：{uid} {type} {holder}，有效期至 {until}</source>
            <translation>Verified, card issued: {uid} {type} {holder}, valid until {until}</translation>
        </message>
        <message>
            <location filename="../../ui/cards/issue_dialog.py" line="273" />
            <source>（此卡上次写入中断，本次已续写完成）</source>
            <translation>(an earlier write to this card was interrupted; it has now been completed)</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="90" />
            <source>{type} {uid}：{holder} {place}，有效期至 {until}</source>
            <translation>{type} {uid}: {holder} {place}, valid until {until}</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="105" />
            <source>读卡器上是 {uid}，不是这张卡：请放上 {want}</source>
            <translation>The reader holds {uid}, not this card: place {want}</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="120" />
            <location filename="../../ui/cards/widgets.py" line="37" />
            <source>正在读写卡片，请勿移动卡片…</source>
            <translation>Working with the card; do not move it…</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="162" />
            <source>门禁卡延期</source>
            <translation>Renew card</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="164" />
            <source>新的有效期至</source>
            <translation>New valid-until date</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="165" />
            <source>续期月数</source>
            <translation>Months to add</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="166" />
            <source>延期(&amp;R)</source>
            <translation>&amp;Renew</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="167" />
            <location filename="../../ui/cards/operations.py" line="280" />
            <source>请把卡 {uid} 放在读卡器上</source>
            <translation>Place card {uid} on the reader</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="180" />
            <source>延期成功：{uid} 有效期至 {until}</source>
            <translation>Renewed: {uid} valid until {until}</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="202" />
            <source>读卡器上是原卡 {uid}：补卡请放一张新的空白卡</source>
            <translation>The reader holds the old card {uid}: place a new blank card</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="206" />
            <source>补卡</source>
            <translation>Replace card</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="208" />
            <source>补卡费（元）</source>
            <translation>Replacement fee (yuan)</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="209" />
            <source>留空按收费标准</source>
            <translation>empty: the tariff</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="210" />
            <source>补卡(&amp;P)</source>
            <translation>Re&amp;place</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="211" />
            <source>请把新的空白卡放在读卡器上</source>
            <translation>Place a new blank card on the reader</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="229" />
            <source>补卡成功：新卡 {uid}，原卡 {old} 已列入黑名单</source>
            <translation>Replaced: new card {uid}; the old card {old} is blacklisted</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="270" />
            <source>注销门禁卡</source>
            <translation>Cancel card</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="272" />
            <source>卡已收回：放在读卡器上清除卡片（恢复出厂密钥）</source>
            <translation>Card returned: wipe it on the reader (back to factory keys)</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="273" />
            <source>卡未收回：列入黑名单，不退押金</source>
            <translation>Card not returned: blacklist it, keep the deposit</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="275" />
            <source>撤销尚未收取的押金 {amount} 元</source>
            <translation>Withdraw the deposit of {amount} yuan not yet taken</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="277" />
            <source>退还押金 {amount} 元（到收费台办理）</source>
            <translation>Refund the deposit of {amount} yuan (at the cashier)</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="279" />
            <source>注销(&amp;C)</source>
            <translation>&amp;Cancel card</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="300" />
            <source>已注销：卡片 {uid} 已清除为出厂状态</source>
            <translation>Cancelled: card {uid} was wiped back to factory state</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="302" />
            <source>已注销：卡片 {uid} 未收回，已列入黑名单，请导出名单装入闸口</source>
            <translation>Cancelled: card {uid} was not returned and is blacklisted; export the lists to the gates</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="312" />
            <location filename="../../ui/cards/operations.py" line="318" />
            <source>挂失</source>
            <translation>Lost</translation>
        </message>
        <message>
            <location filename="../../ui/cards/operations.py" line="313" />
            <source>挂失 {type} {uid}（{holder} {place}）？
挂失后此卡立即列入黑名单，不能再开门。</source>
            <translation>Report {type} {uid} ({holder} {place}) lost?
The card is blacklisted at once and will no longer open the gates.</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="26" />
            <location filename="../../ui/cards/panel.py" line="42" />
            <source>卡号</source>
            <translation>Card no.</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="27" />
            <source>类型</source>
            <translation>Type</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="28" />
            <location filename="../../ui/cards/panel.py" line="43" />
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="30" />
            <source>持卡人</source>
            <translation>Holder</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="31" />
            <source>房间/车位</source>
            <translation>Room/space</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="32" />
            <source>车牌</source>
            <translation>Plate</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="33" />
            <location filename="../../ui/cards/panel.py" line="44" />
            <source>有效期至</source>
            <translation>Valid until</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="35" />
            <source>押金状态</source>
            <translation>Deposit</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="36" />
            <source>待收费台办理</source>
            <translation>At cashier</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="40" />
            <source>时间</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="41" />
            <source>操作</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="45" />
            <location filename="../../ui/screens/cards.py" line="34" />
            <source>金额</source>
            <translation>Amount</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="46" />
            <source>操作员</source>
            <translation>Operator</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="47" />
            <source>说明</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="84" />
            <location filename="../../ui/screens/cards.py" line="149" />
            <source>门禁卡</source>
            <translation>Gate cards</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="89" />
            <source>门禁卡记录</source>
            <translation>Card history</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="117" />
            <source>发卡(&amp;I)…</source>
            <translation>&amp;Issue…</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="118" />
            <source>延期(&amp;R)…</source>
            <translation>&amp;Renew…</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="119" />
            <source>挂失(&amp;L)</source>
            <translation>&amp;Lost</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="120" />
            <source>补卡(&amp;P)…</source>
            <translation>Re&amp;place…</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="121" />
            <source>注销(&amp;C)…</source>
            <translation>&amp;Cancel…</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="122" />
            <source>共 {n} 张</source>
            <translation>{n} card(s)</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="123" />
            <source>卡片记录</source>
            <translation>Card history</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="68" />
            <source>读卡核验</source>
            <translation>Check a card</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="69" />
            <source>请把要核验的卡放在读卡器上</source>
            <translation>Place the card to check on the reader</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="70" />
            <source>重新读卡</source>
            <translation>Read again</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="71" />
            <source>在列表中显示</source>
            <translation>Show in list</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="103" />
            <source>卡号 {uid}</source>
            <translation>Card {uid}</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="106" />
            <source>凭证号 {serial}，{type}，有效期 {start} 至 {until}</source>
            <translation>Serial {serial}, {type}, valid {start} to {until}</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="111" />
            <source>档案：{holder} {place}，{status}</source>
            <translation>Record: {holder} {place}, {status}</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="118" />
            <source>读卡失败</source>
            <translation>Reading failed</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="193" />
            <location filename="../../ui/cards/tools.py" line="209" />
            <source>导出门禁名单</source>
            <translation>Export gate lists</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="194" />
            <source>内容</source>
            <translation>Content</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="195" />
            <source>格式</source>
            <translation>Format</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="196" />
            <source>文件</source>
            <translation>File</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="197" />
            <source>完整名单（白名单和黑名单）</source>
            <translation>Full lists (whitelist and blacklist)</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="198" />
            <source>增量：闸口当前的名单版本</source>
            <translation>Changes since the gate's list version</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="199" />
            <source>浏览…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="200" />
            <source>导出(&amp;E)</source>
            <translation>&amp;Export</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="216" />
            <source>请选择保存的文件</source>
            <translation>Choose the file to save</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="243" />
            <source>完整名单</source>
            <translation>full list</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="243" />
            <source>自版本 {v} 起的增量</source>
            <translation>changes since version {v}</translation>
        </message>
        <message>
            <location filename="../../ui/cards/tools.py" line="244" />
            <source>已导出名单版本 {version}（{kind}，{n} 条；白名单 {white}，黑名单 {black}）。请装入各闸口控制器。</source>
            <translation>Exported list version {version} ({kind}, {n} entries; whitelist {white}, blacklist {black}). Load it into every gate controller.</translation>
        </message>
        <message>
            <location filename="../../ui/cards/widgets.py" line="29" />
            <source>未设置发卡器串口：请在“终端设备”中设置发卡器的端口</source>
            <translation>No card-writer port set: set the card writer's port under Terminal devices</translation>
        </message>
        <message>
            <location filename="../../ui/cards/widgets.py" line="31" />
            <source>读卡器未连接（{port}）：{detail}</source>
            <translation>Card reader not connected ({port}): {detail}</translation>
        </message>
        <message>
            <location filename="../../ui/cards/widgets.py" line="35" />
            <source>检测到卡片 {uid}</source>
            <translation>Card {uid} on the reader</translation>
        </message>
        <message>
            <location filename="../../ui/cards/widgets.py" line="75" />
            <source>串口 {port}</source>
            <translation>Port {port}</translation>
        </message>
        <message>
            <location filename="../../ui/cards/widgets.py" line="76" />
            <source>发卡器的端口在“终端设备”中设置</source>
            <translation>The card writer's port is set under Terminal devices</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="32" />
            <source>时段</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="33" />
            <source>分钟</source>
            <translation>Minutes</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="35" />
            <source>计算</source>
            <translation>Calculation</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="130" />
            <source>临时停车费</source>
            <translation>Temporary parking fee</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="149" />
            <source>临时停车</source>
            <translation>Temporary parking</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="149" />
            <source>收费设置</source>
            <translation>Fee settings</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="155" />
            <source>卡号、姓名、房间或车牌（挂失：找到卡后点“挂失”）</source>
            <translation>Card no., name, room or plate (to report a loss: find the card, then click “Lost”)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="156" />
            <source>全部状态</source>
            <translation>All statuses</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="159" />
            <source>读卡核验(&amp;V)…</source>
            <translation>Check a card (&amp;V)…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="160" />
            <source>导出名单(&amp;E)…</source>
            <translation>&amp;Export lists…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="161" />
            <source>入场时间</source>
            <translation>Entry time</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="161" />
            <source>出场时间</source>
            <translation>Exit time</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="163" />
            <source>计算停车费</source>
            <translation>Calculate fee</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="224" />
            <source>收费标准：{rule}</source>
            <translation>Rate: {rule}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="225" />
            <source>该小区尚未设置临时停车收费标准</source>
            <translation>This estate has no temporary parking rate yet</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="238" />
            <source>停车 {duration}，应收 {amount} 元</source>
            <translation>Parked {duration}, due {amount} yuan</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="306" />
            <location filename="../../ui/screens/cards.py" line="161" />
            <source>小区</source>
            <translation>Estate</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="307" />
            <source>门禁卡收费标准（元）</source>
            <translation>Card tariffs (yuan)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="308" />
            <source>卡类型</source>
            <translation>Card type</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="313" />
            <source>临时停车收费标准</source>
            <translation>Temporary parking rate</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="314" />
            <source>免费时长（分钟）</source>
            <translation>Free time (minutes)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="314" />
            <source>首段时长（分钟）</source>
            <translation>First period (minutes)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="314" />
            <source>首段费用（元）</source>
            <translation>First period fee (yuan)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="315" />
            <source>之后每（分钟）</source>
            <translation>Then every (minutes)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="315" />
            <source>封顶（元，留空不封顶）</source>
            <translation>Cap (yuan, empty for none)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="315" />
            <source>每段费用（元）</source>
            <translation>Fee per period (yuan)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="316" />
            <source>封顶方式</source>
            <translation>Cap applies</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="320" />
            <source>超过免费时长后扣除免费时长（不勾选：全程计费）</source>
            <translation>Deduct the free time once exceeded (unticked: the whole stay is charged)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="321" />
            <source>保存收费设置</source>
            <translation>Save fee settings</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cards.py" line="382" />
            <source>收费设置已保存</source>
            <translation>Fee settings saved</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="136" />
            <source>没有符合条件的门禁卡。要发新卡，按 发卡（Alt+I）</source>
            <translation>No card matches. To issue a new card, press Issue (Alt+I)</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="138" />
            <source>这个房间还没有门禁卡。把空白卡放在发卡器上，按 发卡（Alt+I）</source>
            <translation>This room has no cards yet. Put a blank card on the card writer and press Issue (Alt+I)</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="140" />
            <source>该客户还没有门禁卡。把空白卡放在发卡器上，按 发卡（Alt+I）</source>
            <translation>This customer has no cards yet. Put a blank card on the card writer and press Issue (Alt+I)</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="141" />
            <source>还没有门禁卡。把空白卡放在发卡器上，按 发卡（Alt+I）发第一张卡</source>
            <translation>No cards yet. Put a blank card on the card writer and press Issue (Alt+I) to issue the first one</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="142" />
            <source>没有符合条件的门禁卡</source>
            <translation>No card matches</translation>
        </message>
        <message>
            <location filename="../../ui/cards/panel.py" line="142" />
            <source>没有门禁卡</source>
            <translation>No cards</translation>
        </message>
    </context>
    <context>
        <name>Codes</name>
        <message>
            <location filename="../../propdesk/cards/parking.py" line="39" />
            <source>按24小时周期封顶</source>
            <translation>per 24 hours from entry</translation>
        </message>
        <message>
            <location filename="../../propdesk/cards/parking.py" line="39" />
            <source>按自然日封顶</source>
            <translation>per calendar day</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="32" />
            <source>临时卡</source>
            <translation>Temporary card</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="32" />
            <source>住户卡</source>
            <translation>Resident card</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="32" />
            <source>员工卡</source>
            <translation>Staff card</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="32" />
            <source>车辆卡</source>
            <translation>Vehicle card</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="33" />
            <location filename="../../propdesk/models/cards.py" line="34" />
            <source>挂失</source>
            <translation>Lost</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="33" />
            <source>有效</source>
            <translation>Active</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="33" />
            <location filename="../../propdesk/models/cards.py" line="34" />
            <source>注销</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="33" />
            <source>过期</source>
            <translation>Expired</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="34" />
            <source>发卡</source>
            <translation>Issue card</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="34" />
            <source>延期</source>
            <translation>Renew</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="34" />
            <source>补卡</source>
            <translation>Replace card</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="35" />
            <source>押金不退</source>
            <translation>Deposit kept</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="35" />
            <source>押金在押</source>
            <translation>Deposit held</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="35" />
            <source>押金已退</source>
            <translation>Deposit refunded</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="35" />
            <source>无押金</source>
            <translation>No deposit</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="36" />
            <source>押金待收</source>
            <translation>Deposit due</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="36" />
            <source>押金转新卡</source>
            <translation>Deposit moved to new card</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="38" />
            <source>白名单</source>
            <translation>Whitelist</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="38" />
            <source>移出名单</source>
            <translation>Removed</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="38" />
            <source>黑名单</source>
            <translation>Blacklist</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="183" />
            <source>补卡费</source>
            <translation>Replacement fee</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="183" />
            <source>门禁卡工本费</source>
            <translation>Card fee</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="183" />
            <source>门禁卡押金</source>
            <translation>Card deposit</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="184" />
            <source>月卡停车费</source>
            <translation>Monthly parking</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="184" />
            <source>退门禁卡押金</source>
            <translation>Card deposit refund</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="185" />
            <source>已作废</source>
            <translation>Withdrawn</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="185" />
            <source>已入账</source>
            <translation>Posted</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cards.py" line="185" />
            <source>待入账</source>
            <translation>Waiting for billing</translation>
        </message>
    </context>
</TS>
