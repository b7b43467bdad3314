// The document-type catalogue and requirement templates for the whole window: read once and
// shared by every screen that offers them (the tender detail, the checklist, Aanbieders).
import { api } from "./api";
import type { DocumentType } from "./bindings/DocumentType";
import type { RequirementTemplate } from "./bindings/RequirementTemplate";

class Catalogue {
  types = $state<DocumentType[]>([]);
  templates = $state<RequirementTemplate[]>([]);
  private loaded = false;

  /** Reads the catalogue the first time it is needed (and again after `refresh`). */
  load() {
    if (this.loaded) return;
    this.loaded = true;
    this.refresh();
  }

  refresh() {
    api.documentTypes().then((t) => (this.types = t), () => (this.loaded = false));
    api.templates().then((t) => (this.templates = t), () => (this.loaded = false));
  }
}

export const catalogue = new Catalogue();
