package org.referraldecisions.explorer;

import org.referraldecisions.audit.ReloadLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** For policy admins: every reload of the rules, accepted or refused, newest first (who, when, what changed, why). */
@Controller
class ReloadsPage {

    private static final int SHOWN = 100;

    private final ReloadLog reloads;

    ReloadsPage(ReloadLog reloads) {
        this.reloads = reloads;
    }

    @GetMapping("/explorer/reloads")
    String reloads(Model model) {
        model.addAttribute("reloads", reloads.newest(SHOWN));
        return "explorer/reloads";
    }
}
