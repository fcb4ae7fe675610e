package ai.stratum.gateway.console;

import ai.stratum.gateway.identity.Callers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Login and the start page, which links the pages the user's roles open. */
@Controller
class ConsoleController {

  @GetMapping("/")
  String root() {
    return "redirect:/console";
  }

  @GetMapping("/console/login")
  String login() {
    return "console/login";
  }

  @GetMapping("/console")
  String home(Model model) {
    model.addAttribute("caller", Callers.require());
    return "console/home";
  }
}
