"""A Jupyter kernel that publishes outputs late on purpose, for the runner tests.

The Deno kernel sometimes publishes a cell's output after the cell's
``status: idle``; this kernel does it every time it is asked to, ordered by
events rather than timers, so a test of scripts/run_notebooks.py reproduces
the late publication deterministically.

A cell holds one directive per line, ``WHEN KIND TEXT``:

- WHEN ``now``: published while the cell runs (before its idle);
  ``after-idle``: after the cell's idle, when the kernel receives its next
  request, before that request's ``busy``;
  ``in-next``: while the next request runs, after its ``busy``, before its
  own outputs.
- KIND ``stream`` (stdout), ``result`` (execute_result), ``display``
  (display_data), ``clear`` (clear_output with wait=True; TEXT is ignored) or
  ``error`` (the cell fails with ename ``LateError`` and evalue TEXT; WHEN is
  ignored).

Every message carries the cell's own execute request as parent, as the Deno
kernel's late messages do. Started by a kernelspec with
``python3 late_output_kernel.py -f {connection_file}``.
"""
from ipykernel.kernelapp import IPKernelApp
from ipykernel.kernelbase import Kernel


class LateOutputKernel(Kernel):
    implementation = "late-output"
    implementation_version = "1"
    language_info = {"name": "text", "mimetype": "text/plain", "file_extension": ".txt"}
    banner = "Publishes outputs after idle on request"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.after_idle = []  # (msg_type, content, parent) for the start of the next request
        self.in_next = []  # … for just after the next request's busy

    def publish(self, msg_type, content, parent):
        self.session.send(self.iopub_socket, msg_type, content, parent=parent, ident=self._topic(msg_type))

    def flush(self, held):
        for msg_type, content, parent in held:
            self.publish(msg_type, content, parent)
        held.clear()

    async def dispatch_shell(self, msg):
        self.flush(self.after_idle)
        await super().dispatch_shell(msg)

    def _publish_status(self, status, channel, parent=None):
        super()._publish_status(status, channel, parent)
        if status == "busy":
            self.flush(self.in_next)

    def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False):
        parent = self.get_parent("shell")
        for line in code.splitlines():
            if not line.strip():
                continue
            when, kind, text = (line.strip().split(" ", 2) + ["", ""])[:3]
            if kind == "error":
                content = {"ename": "LateError", "evalue": text, "traceback": [f"LateError: {text}"]}
                self.publish("error", content, parent)
                return {"status": "error", "execution_count": self.execution_count, **content}
            msg_type, content = {
                "stream": ("stream", {"name": "stdout", "text": text + "\n"}),
                "result": ("execute_result", {"execution_count": self.execution_count,
                                              "data": {"text/plain": text}, "metadata": {}}),
                "display": ("display_data", {"data": {"text/plain": text}, "metadata": {}, "transient": {}}),
                "clear": ("clear_output", {"wait": True}),
            }[kind]
            held = {"now": None, "after-idle": self.after_idle, "in-next": self.in_next}[when]
            if held is None:
                self.publish(msg_type, content, parent)
            else:
                held.append((msg_type, content, parent))
        return {"status": "ok", "execution_count": self.execution_count, "payload": [], "user_expressions": {}}


if __name__ == "__main__":
    IPKernelApp.launch_instance(kernel_class=LateOutputKernel)
