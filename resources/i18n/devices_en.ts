<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
    <context>
        <name>PropDesk</name>
        <message>
            <location filename="../../ui/devices/boxes.py" line="20" />
            <source>中水表</source>
            <translation>Reclaimed-water meter</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="20" />
            <source>冷水表</source>
            <translation>Cold-water meter</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="20" />
            <source>生活热水表</source>
            <translation>Hot-water meter</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="20" />
            <source>直饮水表</source>
            <translation>Drinking-water meter</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="21" />
            <source>58 mm（32 列）</source>
            <translation>58 mm, 32 col.</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="21" />
            <source>80 mm（48 列）</source>
            <translation>80 mm, 48 col.</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="21" />
            <source>热量表</source>
            <translation>Heat meter</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="21" />
            <source>燃气表</source>
            <translation>Gas meter</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="140" />
            <location filename="../../ui/screens/devices.py" line="51" />
            <source>端口</source>
            <translation>Port</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="141" />
            <source>COM3、/dev/ttyUSB0 或 socket://主机:端口</source>
            <translation>COM3, /dev/ttyUSB0 or socket://host:port</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="142" />
            <source>选择本机串口，或输入网络串口服务器地址，如 socket://192.168.1.50:4001</source>
            <translation>Pick a serial port of this computer, or type a serial server's address such as socket://192.168.1.50:4001</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="143" />
            <source>通信参数</source>
            <translation>Line</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="144" />
            <source>波特率、校验位（数据位 8、停止位 1）和应答超时，须与设备一致</source>
            <translation>Baud rate, parity (8 data bits, 1 stop bit) and answer timeout; they must match the device</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="145" />
            <source>波特率</source>
            <translation>Baud rate</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="146" />
            <source>校验位</source>
            <translation>Parity</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="147" />
            <source>应答超时：发出请求后等待设备回答的时间</source>
            <translation>Answer timeout: how long to wait for the device after a request</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="148" />
            <source> 秒</source>
            <translation> s</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="149" />
            <source>保存设置</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="151" />
            <location filename="../../ui/devices/boxes.py" line="185" />
            <source>未保存</source>
            <translation>Not saved</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="231" />
            <source>纸宽/编码</source>
            <translation>Paper</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="232" />
            <source>纸宽：58 mm 纸每行 32 个字符，80 mm 纸每行 48 个字符</source>
            <translation>Paper width: 32 characters a line on 58 mm paper, 48 on 80 mm</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="233" />
            <source>中文编码：国产热敏打印机一般为 GBK</source>
            <translation>Chinese text encoding: GBK for most Chinese thermal printers</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="234" />
            <source>打印前查询打印机状态（缺纸、开盖）</source>
            <translation>Check status before printing</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="235" />
            <source>不支持 DLE EOT 状态查询的打印机请取消勾选</source>
            <translation>Untick for printers that do not answer DLE EOT status queries</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="236" />
            <source>打印测试页</source>
            <translation>Print test page</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="249" />
            <source>读卡测试</source>
            <translation>Test reader</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="250" />
            <source>读出发卡器固件版本，并读取读卡区上卡片的卡号</source>
            <translation>Read the card writer's firmware version and the UID of the card on it</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="251" />
            <source>停止寻卡</source>
            <translation>Stop watching</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="251" />
            <source>持续寻卡</source>
            <translation>Watch cards</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="252" />
            <source>每隔一会儿寻卡一次，放上或拿开卡片时显示变化</source>
            <translation>Look for a card every moment and show when one is placed or taken away</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="314" />
            <source>表计协议</source>
            <translation>Protocol</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="315" />
            <source>电表型号</source>
            <translation>Meter model</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="320" />
            <source>测试表地址</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="321" />
            <source>如 123456789012；Modbus 填 1–247</source>
            <translation>e.g. 123456789012; 1-247 for Modbus</translation>
        </message>
        <message>
            <location filename="../../ui/devices/boxes.py" line="322" />
            <source>读表</source>
            <translation>Read meter</translation>
        </message>
        <message>
            <location filename="../../ui/devices/widgets.py" line="47" />
            <source>出错</source>
            <translation>Error</translation>
        </message>
        <message>
            <location filename="../../ui/devices/widgets.py" line="47" />
            <source>未测试</source>
            <translation>Not tested</translation>
        </message>
        <message>
            <location filename="../../ui/devices/widgets.py" line="47" />
            <source>设备正常</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../ui/devices/widgets.py" line="47" />
            <source>通信中…</source>
            <translation>Working…</translation>
        </message>
        <message>
            <location filename="../../ui/devices/widgets.py" line="135" />
            <source>通信日志</source>
            <translation>Frame log</translation>
        </message>
        <message>
            <location filename="../../ui/devices/widgets.py" line="136" />
            <source>暂停</source>
            <translation>Pause</translation>
        </message>
        <message>
            <location filename="../../ui/devices/widgets.py" line="136" />
            <source>继续</source>
            <translation>Resume</translation>
        </message>
        <message>
            <location filename="../../ui/devices/widgets.py" line="137" />
            <source>暂停时不记录新的报文</source>
            <translation>While paused no new frames are recorded</translation>
        </message>
        <message>
            <location filename="../../ui/devices/widgets.py" line="138" />
            <source>清空</source>
            <translation>Clear</translation>
        </message>
        <message>
            <location filename="../../ui/devices/widgets.py" line="140" />
            <source>把全部日志复制到剪贴板</source>
            <translation>Copy the whole log to the clipboard</translation>
        </message>
        <message>
            <location filename="../../ui/devices/widgets.py" line="154" />
            <source>…（共 {n} 字节）</source>
            <translation>… ({n} bytes)</translation>
        </message>
        <message>
            <location filename="../../ui/devices/widgets.py" line="194" />
            <source>{n} 条，最多保留 {limit} 条</source>
            <translation>{n} entries, at most {limit} kept</translation>
        </message>
        <message>
            <location filename="../../ui/devices/widgets.py" line="196" />
            <source>；暂停期间略过 {n} 条</source>
            <translation>; {n} skipped while paused</translation>
        </message>
        <message>
            <location filename="../../ui/devices/worker.py" line="544" />
            <source>设备操作未完成</source>
            <translation>Device operation not completed</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="31" />
            <source>总电能</source>
            <translation>Total energy</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="31" />
            <source>正向有功总电能</source>
            <translation>Total active energy (import)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="32" />
            <source>累计流量</source>
            <translation>Total volume</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="32" />
            <source>累计热量</source>
            <translation>Total heat</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="36" />
            <source>不在系统串口列表中</source>
            <translation>Not in the system's port list</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="36" />
            <source>网络串口</source>
            <translation>Network serial port</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="37" />
            <source>未找到（未连接？）</source>
            <translation>Not found (unplugged?)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="46" />
            <source>网络端口</source>
            <translation>Network port</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="47" />
            <source>可用</source>
            <translation>Available</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="47" />
            <source>未找到</source>
            <translation>Not found</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="54" />
            <source>硬件标识</source>
            <translation>Hardware ID</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="153" />
            <source>终端设备</source>
            <translation>Terminal devices</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="154" />
            <source>本机（终端 {terminal}）的收据打印机、发卡器和抄表总线。这些设置只保存在这台电脑上，不会同步到其他终端。</source>
            <translation>The receipt printer, card writer and meter bus of this computer (terminal {terminal}). These settings stay on this computer and are not synchronised to other terminals.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="156" />
            <location filename="../../ui/screens/devices.py" line="89" />
            <source>本机串口</source>
            <translation>Serial ports</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="157" />
            <source>网络串口服务器不在列表中：在端口栏直接输入 socket://主机:端口 或 rfc2217://主机:端口</source>
            <translation>Network serial servers are not listed: type socket://host:port or rfc2217://host:port in the port field</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="192" />
            <source>已保存：{what}</source>
            <translation>Saved: {what}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="204" />
            <source>未设置端口</source>
            <translation>no port</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="240" />
            <source>请先选择或输入端口</source>
            <translation>Choose or type a port first</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="264" />
            <source>正在打印测试页…</source>
            <translation>Printing the test page…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="269" />
            <source>正在读取发卡器…</source>
            <translation>Reading the card writer…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="278" />
            <source>正在读表 {address}…</source>
            <translation>Reading meter {address}…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="289" />
            <source>测试页已发送到 {port}，请核对打印效果。</source>
            <translation>Test page sent to {port}; check the printout.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="291" />
            <source>注意：纸将用尽，请准备新纸卷。</source>
            <translation>Note: the paper is running out; have a new roll ready.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="296" />
            <source>表 {address}  {what}：{value} {unit}</source>
            <translation>Meter {address}  {what}: {value} {unit}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="302" />
            <source>固件版本：{firmware}</source>
            <translation>Firmware: {firmware}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="304" />
            <source>卡号：{uid}（{kind}）</source>
            <translation>Card UID: {uid} ({kind})</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="305" />
            <source>读卡区没有卡片：放上一张卡再测试可读出卡号。</source>
            <translation>No card on the reader: place a card and test again to read its UID.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="333" />
            <source>正在寻卡，请把卡放在读卡区…</source>
            <translation>Watching for cards: place a card on the reader…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="342" />
            <source>卡号：{uid}</source>
            <translation>Card UID: {uid}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/devices.py" line="342" />
            <source>读卡区没有卡片</source>
            <translation>No card on the reader</translation>
        </message>
    </context>
    <context>
        <name>Codes</name>
        <message>
            <location filename="../../propdesk/devices.py" line="62" />
            <source>发卡器</source>
            <translation>Card writer</translation>
        </message>
        <message>
            <location filename="../../propdesk/devices.py" line="62" />
            <source>抄表总线</source>
            <translation>Meter bus</translation>
        </message>
        <message>
            <location filename="../../propdesk/devices.py" line="62" />
            <source>收据打印机</source>
            <translation>Receipt printer</translation>
        </message>
        <message>
            <location filename="../../propdesk/devices.py" line="64" />
            <source>偶校验</source>
            <translation>Even</translation>
        </message>
        <message>
            <location filename="../../propdesk/devices.py" line="64" />
            <source>奇校验</source>
            <translation>Odd</translation>
        </message>
        <message>
            <location filename="../../propdesk/devices.py" line="64" />
            <source>无校验</source>
            <translation>None</translation>
        </message>
        <message>
            <location filename="../../propdesk/devices.py" line="66" />
            <source>DL/T 645-2007 电能表</source>
            <translation>DL/T 645-2007 electricity meter</translation>
        </message>
        <message>
            <location filename="../../propdesk/devices.py" line="67" />
            <source>CJ/T 188-2004 水表/燃气表/热量表</source>
            <translation>CJ/T 188-2004 water/gas/heat meter</translation>
        </message>
        <message>
            <location filename="../../propdesk/devices.py" line="68" />
            <source>Modbus RTU 电能表</source>
            <translation>Modbus RTU electricity meter</translation>
        </message>
    </context>
</TS>
