<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
    <context>
        <name>PropDesk</name>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="21" />
            <source>作废收据</source>
            <translation>Void receipt</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="21" />
            <source>补打收据</source>
            <translation>Reprint receipt</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="21" />
            <source>退款</source>
            <translation>Refund</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="48" />
            <source>原收款方式</source>
            <translation>Original method</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="90" />
            <source>收据号</source>
            <translation>Receipt no.</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="91" />
            <source>退款金额</source>
            <translation>Refund amount</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="92" />
            <source>不填则退全部可退金额</source>
            <translation>Empty = everything refundable</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="93" />
            <source>退款方式</source>
            <translation>Refund method</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="94" />
            <source>原因</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="95" />
            <source>主管账号</source>
            <translation>Supervisor user</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="96" />
            <source>主管密码</source>
            <translation>Supervisor password</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="97" />
            <source>补打的收据标注“副本”，需主管授权并写明原因。</source>
            <translation>A reprint is marked “COPY” and needs a supervisor and a reason.</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="98" />
            <source>作废仅限本班次未交班的收据；欠费将恢复为未缴。需主管授权。</source>
            <translation>Only receipts of the open shift can be voided; their lines become outstanding again. Needs a supervisor.</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="99" />
            <source>退款可部分退；退回的金额恢复为欠费。需主管授权。</source>
            <translation>Refunds may be partial; what is refunded becomes outstanding again. Needs a supervisor.</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="100" />
            <source>卡片已注销并收回，退还其押金（记为收取押金那张收据的退款）。需主管授权。</source>
            <translation>The card was cancelled and returned: pay its deposit back (recorded as a refund of the receipt that took it). Needs a supervisor.</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="107" />
            <source>请填写收据号、原因和主管账号</source>
            <translation>Enter the receipt number, a reason and the supervisor user</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="174" />
            <source>交班 {number}</source>
            <translation>Close shift {number}</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="180" />
            <source>收款 {n} 笔，作废 {v} 笔，退款 {r} 笔</source>
            <translation>{n} payments, {v} voids, {r} refunds</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="181" />
            <source>收款方式</source>
            <translation>Method</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="181" />
            <location filename="../../ui/cashier/dialogs.py" line="183" />
            <source>金额</source>
            <translation>Amount</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="182" />
            <source>实收合计</source>
            <translation>Total received</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="183" />
            <location filename="../../ui/cashier/lines_model.py" line="18" />
            <source>收费项目</source>
            <translation>Fee item</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="184" />
            <source>备用金</source>
            <translation>Opening float</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="184" />
            <source>应有现金</source>
            <translation>Expected cash</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="185" />
            <source>实点现金</source>
            <translation>Cash counted</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="186" />
            <source>备注</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="191" />
            <source>请输入清点的现金</source>
            <translation>Enter the cash counted</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="215" />
            <source>未设置：收据按 A4/A5 格式打印预览</source>
            <translation>Not set: receipts go to the A4/A5 print preview</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="217" />
            <source>不检查状态</source>
            <translation>No status check</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="217" />
            <source>打印前检查状态</source>
            <translation>Check status before printing</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="279" />
            <source>收费打印设置</source>
            <translation>Receipt printing</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="280" />
            <source>收据打印机</source>
            <translation>Receipt printer</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="280" />
            <source>热敏收据格式</source>
            <translation>Thermal receipt layout</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="280" />
            <source>确认收款后打印</source>
            <translation>After confirming, print on</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="281" />
            <source>A4/A5 收据格式</source>
            <translation>A4/A5 receipt layout</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="281" />
            <source>电子存根目录</source>
            <translation>PDF stub folder</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="284" />
            <source>终端设备…</source>
            <translation>Terminal devices…</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="285" />
            <source>打印机的端口、通信参数、纸宽和编码在“终端设备”中设置</source>
            <translation>The printer's port, line settings, paper width and encoding are set under Terminal devices</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="286" />
            <source>热敏小票</source>
            <translation>Thermal receipt</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="287" />
            <source>A4/A5 单据（打印预览）</source>
            <translation>A4/A5 document (print preview)</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="288" />
            <location filename="../../ui/cashier/dialogs.py" line="289" />
            <source>（默认）</source>
            <translation>(default)</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="290" />
            <source>每张收据另存PDF的文件夹（可不填）</source>
            <translation>Folder that keeps a PDF of every receipt (optional)</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="336" />
            <location filename="../../ui/screens/cashier.py" line="218" />
            <source>催缴通知单</source>
            <translation>Dunning notices</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="337" />
            <source>小区编码</source>
            <translation>Estate code</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="337" />
            <source>楼栋编码（不填为全部）</source>
            <translation>Building code (empty = all)</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="337" />
            <source>欠费截至</source>
            <translation>Arrears as of</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="348" />
            <source>请填写小区编码</source>
            <translation>Enter the estate code</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/dialogs.py" line="358" />
            <source>催缴通知单（{n} 户）</source>
            <translation>Dunning notices ({n} payers)</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/lines_model.py" line="16" />
            <source>缴</source>
            <translation>Pay</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/lines_model.py" line="17" />
            <source>房号/车位</source>
            <translation>Room/space</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/lines_model.py" line="19" />
            <source>期间</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/lines_model.py" line="20" />
            <source>应缴日</source>
            <translation>Due</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/lines_model.py" line="21" />
            <source>欠费</source>
            <translation>Owed</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/lines_model.py" line="22" />
            <source>滞纳金</source>
            <translation>Late fee</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/lines_model.py" line="24" />
            <source>小计</source>
            <translation>Subtotal</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/printing.py" line="181" />
            <source>电子存根未能保存</source>
            <translation>The PDF stub was not saved</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/printing.py" line="191" />
            <source>收款收据 {number}</source>
            <translation>Receipt {number}</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/printing.py" line="207" />
            <source>收据 {number} 未能打印</source>
            <translation>Receipt {number} was not printed</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/tender_panel.py" line="80" />
            <source>现金实收</source>
            <translation>Cash handed over</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/tender_panel.py" line="81" />
            <source>不填即为刚好</source>
            <translation>empty = exact</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/tender_panel.py" line="82" />
            <source>找零</source>
            <translation>Change</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/tender_panel.py" line="83" />
            <source>交易单号</source>
            <translation>Reference</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/tender_panel.py" line="84" />
            <source>微信/支付宝/银行卡凭证号（可不填）</source>
            <translation>WeChat/Alipay/card reference (optional)</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/tender_panel.py" line="140" />
            <source>各方式合计 {paid} 与应收 {total} 不符</source>
            <translation>Tenders add up to {paid}, not {total}</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/tender_panel.py" line="143" />
            <source>现金实收少于现金应收</source>
            <translation>Cash handed over is less than the cash due</translation>
        </message>
        <message>
            <location filename="../../ui/cashier/tender_panel.py" line="145" />
            <source>预存余额只有 {have}</source>
            <translation>Prepaid balance is only {have}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="205" />
            <source>查找交款人 (F2)</source>
            <translation>Find payer (F2)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="206" />
            <source>房号、姓名、拼音首字母、手机号、车牌，或刷卡</source>
            <translation>Room, name, pinyin initials, phone, plate, or swipe a card</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="207" />
            <source>应缴合计</source>
            <translation>Due</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="208" />
            <source>本次缴纳</source>
            <translation>Paying now</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="209" />
            <source>预存</source>
            <translation>Prepay</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="210" />
            <source>预交月数</source>
            <translation>Months ahead</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="211" />
            <source>收款合计</source>
            <translation>Total to collect</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="212" />
            <source>确认收款 (Enter)</source>
            <translation>Confirm payment (Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="213" />
            <source>补打 Ctrl+P</source>
            <translation>Reprint Ctrl+P</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="214" />
            <source>作废 Ctrl+K</source>
            <translation>Void Ctrl+K</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="215" />
            <source>退款 Ctrl+T</source>
            <translation>Refund Ctrl+T</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="217" />
            <source>交班 Ctrl+J</source>
            <translation>Close shift Ctrl+J</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="219" />
            <source>打印设置</source>
            <translation>Printing</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="257" />
            <source>没有找到：{text}</source>
            <translation>Nothing found: {text}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="320" />
            <source>读卡器未连接</source>
            <translation>Card reader not connected</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="323" />
            <source>可刷卡</source>
            <translation>Card reader ready</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="324" />
            <source>把住户卡或车卡放在读卡器上，即可查找交款人</source>
            <translation>Lay a resident or vehicle card on the reader to find the payer</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="329" />
            <source>刷卡 {uid}…</source>
            <translation>Card {uid}…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="369" />
            <source>请先查找交款人</source>
            <translation>Find a payer first</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="371" />
            <source>无欠费</source>
            <translation>nothing owed</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="373" />
            <source>待退押金 {amount}（卡 {uid}）</source>
            <translation>Deposit to pay back {amount} (card {uid})</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="376" />
            <source>欠费房产</source>
            <translation>Owing on</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="377" />
            <source>滞纳金计至</source>
            <translation>Late fees as of</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="377" />
            <source>预存余额</source>
            <translation>Prepaid</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="408" />
            <location filename="../../ui/screens/cashier.py" line="419" />
            <source>请先选择要缴的欠费或输入预存金额</source>
            <translation>Tick lines to pay or enter a prepayment first</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="410" />
            <source>本次缴纳不能超过所选应缴合计</source>
            <translation>The amount paid cannot exceed the total of the selected lines</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="412" />
            <source>押金须全额收取：本次缴纳至少 {amount}，或不选押金</source>
            <translation>Deposits are taken in full: pay at least {amount}, or leave the deposit out</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="446" />
            <source>收款未完成</source>
            <translation>Payment not taken</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="450" />
            <source>上一张收据：{number}</source>
            <translation>Last receipt: {number}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="453" />
            <source>　找零 &lt;b&gt;{change}&lt;/b&gt;</source>
            <translation>  change &lt;b&gt;{change}&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="454" />
            <source>已收款 &lt;b&gt;￥{total}&lt;/b&gt;，收据 {number}</source>
            <translation>Received &lt;b&gt;￥{total}&lt;/b&gt;, receipt {number}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="478" />
            <source>退款单 {number}：退押金 {amount}</source>
            <translation>Refund {number}: deposit {amount} paid back</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="482" />
            <source>已补打 {number}（副本）</source>
            <translation>Reprinted {number} (copy)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="484" />
            <source>已作废 {number}</source>
            <translation>Voided {number}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="486" />
            <source>退款单 {number}：退 {amount}</source>
            <translation>Refund {number}: {amount} paid back</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="501" />
            <source>当前没有未交班的班次</source>
            <translation>No open shift</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="512" />
            <source>已交班 {number}</source>
            <translation>Closed shift {number}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/cashier.py" line="517" />
            <source>日收费明细表 {number}</source>
            <translation>Shift report {number}</translation>
        </message>
    </context>
    <context>
        <name>Codes</name>
        <message>
            <location filename="../../propdesk/models/cashier.py" line="37" />
            <source>现金</source>
            <translation>Cash</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cashier.py" line="38" />
            <source>微信</source>
            <translation>WeChat</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cashier.py" line="39" />
            <source>支付宝</source>
            <translation>Alipay</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cashier.py" line="40" />
            <source>银行卡</source>
            <translation>Bank card</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cashier.py" line="41" />
            <source>转账</source>
            <translation>Bank transfer</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cashier.py" line="42" />
            <source>预存冲抵</source>
            <translation>Prepayment offset</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cashier.py" line="47" />
            <source>A4/A5 单据</source>
            <translation>A4/A5 document</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cashier.py" line="47" />
            <source>热敏小票</source>
            <translation>Thermal receipt</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/cashier.py" line="131" />
            <source>账单</source>
            <translation>Bill</translation>
        </message>
    </context>
</TS>
